package io.wasabioperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command as users run it: the packaged jar, a signed URL fetched, then Ctrl-C. */
class SandboxProcessIT {
  @Test
  void runsFromItsJarAndStopsOnCtrlCWithExitCodeZero(@TempDir Path dir) throws Exception {
    // Output to a file: a pipe read while the process exits can lose its last lines.
    Path output = dir.resolve("sandbox.out");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "wasabi-sandbox.jar").toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process process = builder.start();
    try {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(output).contains("GET with the URL from Secret tissue-1 -> HTTP 200"));

      // Ctrl-C in a terminal sends SIGINT to the process.
      Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
      assertThat(interrupt.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after Ctrl-C").isTrue();
      assertThat(process.exitValue()).isZero();
      // The JVM exited: nothing of the sandbox (API server, S3 server, operator) runs on.
      assertThat(Files.readString(output)).contains("Stopped.").doesNotContain("X-Amz-Signature")
          .contains("export KUBECONFIG=" + Path.of("target", "kubeconfig").toAbsolutePath());
    } finally {
      process.destroyForcibly();
    }
  }
}

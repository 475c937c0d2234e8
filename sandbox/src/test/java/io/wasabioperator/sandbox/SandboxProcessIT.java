package io.wasabioperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command as users run it: the packaged jar, a signed URL fetched, then Ctrl-C. */
class SandboxProcessIT {
  @Test
  void runsFromItsJarAndStopsOnCtrlCWithExitCodeZero(@TempDir Path dir) throws Exception {
    // Output to a file: a pipe read while the process exits can lose its last lines.
    Path output = dir.resolve("sandbox.out");
    List<String> command = new ArrayList<>(sigintDefault());
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "wasabi-sandbox.jar").toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
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

  /**
   * What to start the child with so that it receives Ctrl-C as a person's terminal delivers it. A
   * non-interactive shell starts background jobs ({@code mvn verify &}) with SIGINT ignored, and the child
   * would inherit that: its JVM would install no handler and Ctrl-C would do nothing. Where this JVM runs so,
   * {@code env --default-signal=INT} (coreutils 8.31 and later) restores the default before the child starts;
   * where that option is missing, the test cannot prove Ctrl-C and is skipped, saying why.
   */
  private static List<String> sigintDefault() throws Exception {
    if (!sigintIgnored()) {
      return List.of();
    }
    Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
    boolean resets = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
    assumeTrue(resets, "this test runs with SIGINT ignored (a background job of a non-interactive shell) and "
        + "env has no --default-signal (coreutils before 8.31): Ctrl-C cannot be delivered to the sandbox");
    return List.of("env", "--default-signal=INT");
  }

  /** Whether SIGINT (signal 2, bit 1 of the mask) is ignored by this process, as /proc/self/status shows. */
  static boolean sigintIgnored() throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
      }
    }
    return false;
  }
}

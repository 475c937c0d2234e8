package io.wasabioperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.testsupport.LeaseRulesReview;
import io.wasabioperator.testsupport.RecordedApiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's jar as users run it: configured from the environment, and stopped by SIGTERM. */
@RecordedApiServer
class OperatorProcessIT {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void startsFromTheCurrentKubeconfigAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
    // With leader election, as the chart runs it: ending the leadership must not hang the shutdown.
    LeaseRulesReview.answerAsTheChartAllows(server);
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: test, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: test, user: {token: test}}]
        contexts: [{name: test, context: {cluster: test, user: test, namespace: default}}]
        current-context: test
        """.formatted(client.getMasterUrl()));
    // The output goes to a file: a pipe read while the process exits can lose its last lines.
    Path log = dir.resolve("operator.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "wasabi-operator.jar").toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    withoutJvmOptions(builder);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("WASABI_OPERATOR_HEALTH_PORT", "0");
    builder.environment().put("WASABI_OPERATOR_METRICS_PORT", "0");
    builder.environment().put("WASABI_OPERATOR_WATCH_NAMESPACES", "team-a,team-b");
    builder.environment().put("WASABI_OPERATOR_LEADER_ELECTION_NAMESPACE", "wasabi-operator");
    Process process = builder.start();
    try {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("Started wasabi-operator")
              || Files.readString(log).contains("Could not start"));
      // The jar reports the project's version, as the chart's appVersion and the image tag name it.
      assertThat(Files.readString(log)).contains("Started wasabi-operator " + System.getProperty("projectVersion") + ";")
          .contains("leader election on").contains("watching [team-a, team-b]");
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("New leader with identity"));

      // java-operator-sdk would call System.exit when the leadership ends, inside the shutdown hook: a hang
      // until the kubelet's SIGKILL. The operator exits on a lost leadership only when it is not stopping.
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within a pod's grace period").isTrue();
      // 143: ended by SIGTERM after the shutdown hook ran.
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readString(log)).contains("Stopping");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void invalidConfigurationStopsWithOneClearLine() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "wasabi-operator.jar").toAbsolutePath().toString()).redirectErrorStream(true);
    withoutJvmOptions(builder);
    builder.environment().put("WASABI_OPERATOR_PROBE_INTERVAL", "5s");
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).isEqualTo("wasabi-operator: invalid configuration: WASABI_OPERATOR_PROBE_INTERVAL: must be at least 30s");
  }

  /** A machine-wide JAVA_TOOL_OPTIONS would add a "Picked up ..." line of the JVM's own. */
  private static void withoutJvmOptions(ProcessBuilder builder) {
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
  }
}

package io.wasabioperator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the plugin prints when it cannot reach the cluster: kubectl's lines, and never a kubeconfig's content. */
class ConnectionErrorsTest {
  private static final String TOKEN = "SECRET-TOKEN-XYZ";

  @TempDir
  Path dir;

  private Path kubeconfig(String server, String user) throws IOException {
    return Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: demo}}]
        current-context: c
        users:
        - name: u
          user:
            %s
        """.formatted(server, user));
  }

  @Test
  void aMalformedKubeconfigNamesFileAndLineButNotItsContent() throws IOException {
    Path file = kubeconfig("https://127.0.0.1:1", "token: " + TOKEN + ": oops");
    Cli.Run run = Cli.connecting().run("status", "sur/x", "--kubeconfig", file.toString(), "-v", "9");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: error loading config file \"" + file + "\": yaml: line 9: "
        + "mapping values are not allowed here\n").doesNotContain(TOKEN).doesNotContain("oops");
  }

  @Test
  void aMalformedKubeconfigFromTheDefaultPathToo() throws IOException {
    Path file = kubeconfig("https://127.0.0.1:1", "token: " + TOKEN + ": oops");
    // fabric8 reads -Dkubeconfig before $KUBECONFIG: the same lookup, settable in-process (KubectlWasabiIT sets the
    // variable itself)
    String before = System.setProperty("kubeconfig", file.toString());
    try {
      Cli.Run run = Cli.connecting().run("status", "sur/x");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("error: error loading config file \"" + file + "\": yaml: line 9: "
          + "mapping values are not allowed here\n");
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }
  }

  @Test
  void aRefusedConnectionIsKubectlsLine() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path file = kubeconfig("http://127.0.0.1:" + port, "token: " + TOKEN);
    Cli.Run run = Cli.connecting().run("status", "sur/x", "--kubeconfig", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("The connection to the server 127.0.0.1:" + port
        + " was refused - did you specify the right host or port?\n");
  }
}

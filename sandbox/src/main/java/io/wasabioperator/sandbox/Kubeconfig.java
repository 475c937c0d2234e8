package io.wasabioperator.sandbox;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig for the embedded API: cluster, user (a dummy token: the sandbox checks no credentials)
 * and context {@code wasabi-sandbox}, with the demo namespace ({@link Sandbox#DEMO_NAMESPACE}) as the default.
 */
final class Kubeconfig {
  static final String NAME = "wasabi-sandbox";

  private Kubeconfig() {}

  /**
   * {@code sandbox/target/kubeconfig}: next to the sandbox's jar (or beside {@code target/classes} when
   * run from the build), else under the working directory.
   */
  static Path defaultLocation() {
    try {
      Path code = Path.of(Kubeconfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (code.getParent() != null && (Files.isRegularFile(code) || Files.isDirectory(code))) {
        return code.getParent().resolve("kubeconfig").toAbsolutePath();
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // Unknown location: fall back to the working directory.
    }
    return Path.of("sandbox", "target", "kubeconfig").toAbsolutePath();
  }

  static Path write(Path file, String server) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (absolute.getParent() != null) {
      Files.createDirectories(absolute.getParent());
    }
    Files.writeString(absolute, """
        # Written by the wasabi-operator sandbox; valid while it runs.
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user:
            token: sandbox-token-checked-by-nobody
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: %3$s
        current-context: %1$s
        """.formatted(NAME, server, Sandbox.DEMO_NAMESPACE));
    return absolute;
  }
}

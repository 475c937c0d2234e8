package io.wasabioperator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What a command works with: what it reads, where it prints, what time it is, and how it reaches the cluster.
 * Tests pass their own (given input, captured output, a movable clock, the mock API's client).
 *
 * @param in standard input (the owner's policy of {@code policy --merge-into -})
 * @param clients makes the client for the kubeconfig options of a command; called only by commands that need one
 */
public record CliContext(InputStream in, PrintWriter out, PrintWriter err, Clock clock, ClientFactory clients) {

  /** Makes a Kubernetes client for the given kubeconfig, context and namespace options. */
  @FunctionalInterface
  public interface ClientFactory {
    KubernetesClient create(KubeOptions options);
  }

  /** The real one: standard streams, the system clock, the kubeconfig. */
  public static CliContext system() {
    return new CliContext(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), Clock.systemUTC(),
        KubeOptions::connect);
  }
}

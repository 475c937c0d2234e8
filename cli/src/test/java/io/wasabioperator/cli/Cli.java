package io.wasabioperator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Runs the plugin in-process, as kubectl would run it, with captured output, a fixed clock and a given client. */
public final class Cli {
  public static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  /** What one run printed and returned. */
  public record Run(int exitCode, String out, String err) {}

  private final CliContext.ClientFactory clients;
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private byte[] input = new byte[0];

  public Cli(KubernetesClient client) {
    this.clients = options -> {
      if (client == null) {
        throw new AssertionError("this command should not need a Kubernetes client");
      }
      return client;
    };
  }

  private Cli(CliContext.ClientFactory clients) {
    this.clients = clients;
  }

  /** Connecting as the plugin does: through the kubeconfig the options name. */
  public static Cli connecting() {
    return new Cli(KubeOptions::connect);
  }

  /** Without a cluster: a command that asks for a client fails the test. */
  public static Cli offline() {
    return new Cli((KubernetesClient) null);
  }

  public Cli at(Instant now) {
    clock = Clock.fixed(now, ZoneOffset.UTC);
    return this;
  }

  /** What the commands read from standard input. */
  public Cli input(String text) {
    input = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new ByteArrayInputStream(input), new PrintWriter(out), new PrintWriter(err),
        clock, clients);
    int code = KubectlWasabi.run(context, args);
    return new Run(code, out.toString(), err.toString());
  }
}

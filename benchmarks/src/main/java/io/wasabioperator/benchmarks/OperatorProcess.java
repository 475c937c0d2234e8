package io.wasabioperator.benchmarks;

import io.wasabioperator.config.TenancyConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's own jar in a JVM of its own, configured as users configure it, so that its heap and
 * its start-up are its own and not the embedded API server's. Read through its metrics endpoint.
 */
final class OperatorProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Process process;
  private final int metricsPort;
  private final long startedAt;

  OperatorProcess(Path jar, Path kubeconfig, Path log) throws IOException {
    this(jar, kubeconfig, log, List.of());
  }

  /** @param jvmOptions options for the operator's JVM, such as a heap limit or a GC log */
  OperatorProcess(Path jar, Path kubeconfig, Path log, List<String> jvmOptions) throws IOException {
    metricsPort = freePort();
    List<String> command = new ArrayList<>(List.of(javaCommand()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("JDK_JAVA_OPTIONS");
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("WASABI_OPERATOR_ALLOW_HTTP_ENDPOINTS", "true");
    env.put("WASABI_OPERATOR_PLATFORM_CREDENTIALS_SECRET", Storage.NAMESPACE + "/platform");
    env.put(TenancyConfig.PLATFORM_GRANTS, Storage.GRANT);
    env.put(TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1");
    env.put(TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8");
    env.put("WASABI_OPERATOR_HEALTH_PORT", "0");
    env.put("WASABI_OPERATOR_METRICS_PORT", Integer.toString(metricsPort));
    startedAt = System.nanoTime();
    process = builder.start();
  }

  /** The jar the build made, or another (-Doperator.jar=...) to compare versions. */
  static Path jar() {
    String other = System.getProperty("operator.jar");
    return other != null ? Path.of(other)
        : Suite.targetDirectory().resolve("../../operator/target/wasabi-operator.jar").normalize();
  }

  static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  long startedAtNanos() {
    return startedAt;
  }

  /** Reconciles started so far, of both kinds; -1 while the endpoint is not up yet. */
  double reconciles() {
    return sum("operator_sdk_reconciliations_started_total");
  }

  /**
   * Live heap in bytes: what the operator holds, not what it has thrown away. The JVM's class
   * histogram collects fully first, then counts every live object; it is kept in {@code histogramFile}.
   */
  long heapAfterGc(Path histogramFile) throws Exception {
    String output = jcmd("GC.class_histogram");
    Files.writeString(histogramFile, output);
    String total = output.lines().filter(line -> line.startsWith("Total")).findFirst()
        .orElseThrow(() -> new IOException("no class histogram from jcmd: " + output));
    String[] fields = total.trim().split("\\s+");
    return Long.parseLong(fields[fields.length - 1]);
  }

  /** A full collection, returning once it is done; a GC log records it with the heap used before it. */
  void collectGarbage() throws Exception {
    jcmd("GC.run");
  }

  private String jcmd(String command) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(process.pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  private double sum(String prefix) {
    try {
      String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(line -> line.startsWith(prefix))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

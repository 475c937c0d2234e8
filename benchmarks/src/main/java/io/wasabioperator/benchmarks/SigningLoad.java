package io.wasabioperator.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The signing API's load generator, in a process of its own so that its CPU is not the server's: callers that
 * POST the same call over HTTPS with keep-alive, one after the other each, for a warm-up and then a measured
 * time. Reads the URL, the CA (PEM), the token and the body from stdin, one per line; prints "measuring" when
 * the measured time begins, then "calls p50_ms p99_ms seconds non200"; exits 1 when a call fails outright.
 */
public final class SigningLoad {
  private SigningLoad() {}

  public static void main(String[] args) {
    try {
      measure(args);
      System.exit(0);
    } catch (Exception e) {
      System.err.println("the load generator failed: " + e);
      System.exit(1);
    }
  }

  private static void measure(String[] args) throws Exception {
    int callers = Integer.parseInt(args[0]);
    Duration warmUp = Duration.ofSeconds(Long.parseLong(args[1]));
    Duration measured = Duration.ofSeconds(Long.parseLong(args[2]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    URI uri = URI.create(in.readLine());
    String ca = in.readLine().replace("\\n", "\n");
    String token = in.readLine();
    String body = in.readLine();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(ca))
        .executor(Executors.newFixedThreadPool(callers)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();

    run(client, request, callers, warmUp, new long[1 << 20]);
    System.out.println("measuring");
    System.out.flush();
    long[] latencies = new long[1 << 22];
    long start = System.nanoTime();
    Result result = run(client, request, callers, measured, latencies);
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] done = Arrays.copyOf(latencies, Math.min(result.calls(), latencies.length));
    Arrays.sort(done);
    System.out.printf("%d %.3f %.3f %.3f %d%n", result.calls(), percentile(done, 0.50), percentile(done, 0.99),
        seconds, result.failed());
  }

  private record Result(int calls, int failed) {}

  private static Result run(HttpClient client, HttpRequest request, int callers, Duration time, long[] latencies)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      running.add(pool.submit(() -> {
        while (!stop.get()) {
          long began = System.nanoTime();
          HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long took = System.nanoTime() - began;
          int n = calls.getAndIncrement();
          if (n < latencies.length) {
            latencies[n] = took;
          }
          if (response.statusCode() != 200) {
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    Thread.sleep(time.toMillis());
    stop.set(true);
    try {
      for (Future<?> each : running) {
        each.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(calls.get(), failed.get());
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  private static SSLContext trusting(String pem) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    int i = 0;
    for (Certificate ca : CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      trusted.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}

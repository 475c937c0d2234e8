package io.wasabioperator.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.apiserver.auth.SigningRbac;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.SigningConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.StorageCredentials;
import io.wasabioperator.storage.UrlSigner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The signing API under load: batches of 1 and of 100 keys over HTTPS with keep-alive, at 1 and at 16 callers,
 * reviews cached, the load generator ({@link SigningLoad}) in its own process. Figures: URLs a second, p50 and p99
 * latency, this process's CPU time per URL beside the operator's bare signer's on the same keys in the same run,
 * and API calls (reviews) per 10,000 URLs.
 */
final class SigningApiLoad {
  static final String SECTION = "signing-api";
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration MEASURED = Duration.ofSeconds(10);

  private SigningApiLoad() {}

  static void run(Figures figures) throws Exception {
    try (ApiServer api = new ApiServer(true); Storage s3 = new Storage(); KubernetesClient client = api.client()) {
      client.resource(Storage.platformCredentials()).create();
      client.resource(new ServiceAccountBuilder().withNewMetadata().withNamespace(Storage.NAMESPACE)
          .withName("caller").endMetadata().build()).create();
      SigningRbac.grant(Storage.NAMESPACE, "caller", Storage.NAMESPACE, "caller", "sign-get")
          .forEach(object -> client.resource(object).create());
      List<String> keys = IntStream.range(0, 100).mapToObj(i -> "slides/case-" + i + "/tile-" + i + ".jpg").toList();
      Map<String, String> env = Map.of(OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          OperatorConfig.PLATFORM_CREDENTIALS_SECRET, Storage.NAMESPACE + "/platform",
          TenancyConfig.PLATFORM_GRANTS, Storage.GRANT, TenancyConfig.ENDPOINT_ALLOWLIST, "127.0.0.1",
          TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "127.0.0.0/8");
      // The per-identity limit is lifted: one identity is the whole load here.
      SigningConfig signing = SigningConfig.fromEnvironment(Map.of(SigningConfig.PORT, "0",
          SigningConfig.NAMESPACE, Storage.NAMESPACE, SigningConfig.EXTRA_NAMES, "127.0.0.1",
          SigningConfig.DRAIN, "0s", SigningConfig.CALLER_RATE, "1000000", SigningConfig.CALLER_BURST, "1000000"));
      try (WasabiOperator operator = new WasabiOperator(client, OperatorConfig.fromEnvironment(env), signing,
          Clock.systemUTC(), Optional.empty())) {
        operator.start();
        measure(figures, api, s3, client, operator, keys);
      }
    }
  }

  private static void measure(Figures figures, ApiServer api, Storage s3, KubernetesClient client,
      WasabiOperator operator, List<String> keys) throws Exception {
    client.resource(s3.integration("store", false)).create();
    Wait.until("the integration Ready", Duration.ofMinutes(1), Duration.ofMillis(50), () -> operator.ready()
        && ready(client));
    String ca = caPem(client);
    String token = api.issuer().issue(Storage.NAMESPACE, "caller", List.of(SigningConfig.DEFAULT_AUDIENCE),
        Duration.ofHours(1));
    String url = "https://127.0.0.1:" + operator.signingPort().orElseThrow() + "/v1alpha1/namespaces/"
        + Storage.NAMESPACE + "/wasabistorageintegrations/store/urls";
    double signerNanos = bareSignerCpuNanos(s3, keys);
    int tokenReviewsBefore = api.reviews().tokenReviews();
    int accessReviewsBefore = api.reviews().accessReviews();
    long began = System.nanoTime();
    long urlsTotal = 0;
    for (int batch : List.of(1, 100)) {
      String body = new ObjectMapper().writeValueAsString(Map.of("keys", keys.subList(0, batch)));
      for (int callers : List.of(1, 16)) {
        Load load = load(url, ca, token, body, callers);
        long cpu = load.cpuNanos();
        // URLs of calls answered 200 only.
        double urls = (load.figures()[0] - load.figures()[4]) * batch;
        urlsTotal += (long) urls;
        String at = "batches of " + batch + ", " + callers + (callers == 1 ? " caller" : " callers");
        figures.add(SECTION, "URLs a second, " + at, urls / load.figures()[3], "URL/s");
        figures.add(SECTION, "p50 latency of a call, " + at, load.figures()[1], "ms");
        figures.add(SECTION, "p99 latency of a call, " + at, load.figures()[2], "ms");
        if (load.figures()[4] > 0) {
          figures.add(SECTION, "calls not answered 200, " + at, load.figures()[4], "calls");
        }
        // CPU of the whole process over the measured time (not the warm-up) per URL signed in it.
        figures.add(SECTION, "server CPU per URL, " + at, cpu / urls / 1000.0, "us",
            signerNanos / 1000.0, "the operator's bare signer, same keys, this run");
      }
    }
    // One token and one integration throughout: at most one review of each kind per cache period.
    double seconds = (System.nanoTime() - began) / 1e9;
    int tokenReviews = api.reviews().tokenReviews() - tokenReviewsBefore;
    int accessReviews = api.reviews().accessReviews() - accessReviewsBefore;
    figures.add(SECTION, "API calls (reviews) per 10,000 URLs", (tokenReviews + accessReviews) * 10_000.0
        / urlsTotal, "calls");
    figures.add(SECTION, String.format("TokenReviews in %.0f s, one token", seconds), tokenReviews, "calls",
        Math.ceil(seconds / 120), "one per 2-minute cache period");
    figures.add(SECTION, String.format("SubjectAccessReviews in %.0f s, one caller", seconds), accessReviews,
        "calls", Math.ceil(seconds / 30), "one per 30-second cache period");
  }

  /** A run's figures (calls, p50 ms, p99 ms, seconds, calls not 200) and this process's CPU over its measured time. */
  private record Load(double[] figures, long cpuNanos) {}

  private static Load load(String url, String ca, String token, String body, int callers) throws Exception {
    Process generator = new ProcessBuilder(OperatorProcess.javaCommand(), "-Xmx256m", "-cp", Suite.jar().toString(),
        SigningLoad.class.getName(), Integer.toString(callers), Long.toString(WARM_UP.toSeconds()),
        Long.toString(MEASURED.toSeconds())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (Writer in = new java.io.OutputStreamWriter(generator.getOutputStream(), StandardCharsets.UTF_8)) {
      in.write(url + "\n" + ca.replace("\n", "\\n") + "\n" + token + "\n" + body + "\n");
    }
    String line;
    long cpuBefore = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(generator.getInputStream(),
        StandardCharsets.UTF_8))) {
      line = out.readLine();
      if ("measuring".equals(line)) {
        cpuBefore = processCpuNanos();
        line = out.readLine();
      }
    }
    long cpu = processCpuNanos() - cpuBefore;
    if (!generator.waitFor(WARM_UP.plus(MEASURED).plusMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        || generator.exitValue() != 0 || line == null || cpuBefore == 0) {
      generator.destroyForcibly();
      throw new IllegalStateException("the load generator failed");
    }
    String[] parts = line.trim().split(" ");
    double[] figures = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      figures[i] = Double.parseDouble(parts[i]);
    }
    return new Load(figures, cpu);
  }

  /** The operator's signer alone, on this thread, over the same keys: CPU nanoseconds per URL. */
  private static double bareSignerCpuNanos(Storage s3, List<String> keys) {
    UrlSigner signer = new UrlSigner();
    BucketAddress address = new BucketAddress(s3.endpoint(), "us-east-1", true, Storage.BUCKET);
    StorageCredentials credentials = new StorageCredentials(Storage.ACCESS_KEY_ID, Storage.SECRET_ACCESS_KEY);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int rounds = 2_000;
    long sink = 0;
    for (int warm = 0; warm < rounds; warm++) {
      for (String key : keys) {
        sink += signer.presign(address, credentials, key, "GET", Optional.empty(), Instant.now(),
            Duration.ofMinutes(15)).toString().length();
      }
    }
    long before = threads.getCurrentThreadCpuTime();
    for (int round = 0; round < rounds; round++) {
      for (String key : keys) {
        sink += signer.presign(address, credentials, key, "GET", Optional.empty(), Instant.now(),
            Duration.ofMinutes(15)).toString().length();
      }
    }
    long cpu = threads.getCurrentThreadCpuTime() - before;
    if (sink == 42) {
      System.out.println("(unlikely)");
    }
    return cpu / (double) (rounds * keys.size());
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static boolean ready(KubernetesClient client) {
    var integration = client.resources(io.wasabioperator.api.WasabiStorageIntegration.class)
        .inNamespace(Storage.NAMESPACE).withName("store").get();
    return integration != null && integration.getStatus() != null && integration.getStatus().getConditions() != null
        && integration.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static String caPem(KubernetesClient client) throws Exception {
    Wait.until("the CA published", Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
      ConfigMap map = client.configMaps().inNamespace(Storage.NAMESPACE).withName(SigningConfig.DEFAULT_NAME + "-ca")
          .get();
      return map != null && map.getData() != null && map.getData().containsKey("ca.crt");
    });
    return client.configMaps().inNamespace(Storage.NAMESPACE).withName(SigningConfig.DEFAULT_NAME + "-ca").get()
        .getData().get("ca.crt");
  }
}

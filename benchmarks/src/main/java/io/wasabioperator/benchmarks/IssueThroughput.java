package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Counter;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.IntegrationRef;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.secrets.SecretData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Issue throughput: N SignedUrlRequests created at once against the embedded API server and an S3
 * server, timed until every one is Ready with its Secret; beside the floor, the same API writes
 * (create each Secret, write each status) done directly with the fabric8 client on the same server.
 */
public final class IssueThroughput {
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  private static final String ID = "AKIABENCHMARK0000001";
  private static final String SECRET = "benchmark-secret-key-0123456789abcdefghij";

  private IssueThroughput() {}

  public static void main(String[] args) throws Exception {
    MOCK_LOG.setLevel(Level.WARNING);
    System.setProperty("logback.configurationFile", "logback-benchmarks.xml");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration operator = timeOperator(n);
    Duration floor = timeFloor(n);
    double ratio = (double) operator.toMillis() / floor.toMillis();
    String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    System.out.printf("%nIssue throughput, %d SignedUrlRequests (%s)%n", n, machine);
    System.out.printf("| %-44s | %10s |%n", "figure", "value");
    System.out.printf("| %-44s | %10d |%n", "operator: ms until every request is Ready", operator.toMillis());
    System.out.printf("| %-44s | %10d |%n", "floor: ms for the same API writes, direct", floor.toMillis());
    System.out.printf("| %-44s | %10.2f |%n", "ratio", ratio);
    System.out.printf("| %-44s | %10.2f |%n", "reconciles per request", reconcilesPerRequest);
    Path json = Path.of("benchmarks", "target", "issue-throughput.json");
    Files.createDirectories(json.getParent());
    Files.writeString(json, String.format("{\"requests\":%d,\"machine\":\"%s\",\"operatorMillis\":%d,"
        + "\"floorMillis\":%d,\"ratio\":%.3f,\"reconcilesPerRequest\":%.3f}%n", n, machine, operator.toMillis(),
        floor.toMillis(), ratio, reconcilesPerRequest));
    System.out.println("written to " + json);
    System.exit(0);
  }

  private static double reconcilesPerRequest;

  private static Duration timeOperator(int n) throws Exception {
    KubernetesMockServer api = server();
    S3Proxy s3 = s3();
    try (KubernetesClient client = api.createClient()) {
      client.resource(new SecretBuilder().withNewMetadata().withNamespace("bench").withName("platform").endMetadata()
          .withData(SecretData.encode(Map.of("accessKeyId", ID, "secretAccessKey", SECRET))).build()).create();
      OperatorConfig config = OperatorConfig.fromEnvironment(Map.of(OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "bench/platform"));
      WasabiOperator operator = new WasabiOperator(client, config, Clock.systemUTC());
      operator.start();
      WasabiStorageIntegration integration = new WasabiStorageIntegration();
      integration.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("store").build());
      WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
      spec.setBucket("bench");
      spec.setRegion("us-east-1");
      spec.setMode(AccessMode.ReadWrite);
      spec.setEndpoint("http://127.0.0.1:" + s3.getPort());
      integration.setSpec(spec);
      client.resource(integration).create();
      waitUntil(() -> {
        WasabiStorageIntegration live = client.resources(WasabiStorageIntegration.class).inNamespace("bench")
            .withName("store").get();
        return live.getStatus() != null && live.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      });
      double before = reconciles(operator);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        client.resource(request(i)).create();
      }
      waitUntil(() -> client.resources(SignedUrlRequest.class).inNamespace("bench").list().getItems().stream()
          .filter(r -> r.getStatus() != null && r.getStatus().getRevision() != null).count() == n);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      reconcilesPerRequest = (reconciles(operator) - before) / n;
      operator.close();
      return elapsed;
    } finally {
      s3.stop();
      api.destroy();
    }
  }

  private static Duration timeFloor(int n) throws Exception {
    KubernetesMockServer api = server();
    try (KubernetesClient client = api.createClient()) {
      for (int i = 0; i < n; i++) {
        client.resource(request(i)).create();
      }
      List<SignedUrlRequest> requests = client.resources(SignedUrlRequest.class).inNamespace("bench").list().getItems();
      long start = System.nanoTime();
      for (SignedUrlRequest request : requests) {
        Secret secret = new SecretBuilder().withNewMetadata().withNamespace("bench")
            .withName(request.getMetadata().getName()).endMetadata()
            .withData(SecretData.encode(Map.of("url", "https://example/" + "x".repeat(400), "expiresAt", "2026")))
            .build();
        client.resource(secret).create();
        SignedUrlRequestStatus status = new SignedUrlRequestStatus();
        status.setRevision(1L);
        request.setStatus(status);
        client.resource(request).updateStatus();
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } finally {
      api.destroy();
    }
  }

  private static SignedUrlRequest request(int i) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("url-" + i).build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    IntegrationRef ref = new IntegrationRef();
    ref.setName("store");
    spec.setIntegrationRef(ref);
    spec.setKey("images/" + i + ".jpg");
    request.setSpec(spec);
    return request;
  }

  private static double reconciles(WasabiOperator operator) {
    return operator.metrics().registry().find("operator.sdk.reconciliations.started").tag("kind", "SignedUrlRequest")
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  private static KubernetesMockServer server() {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  private static S3Proxy s3() throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").overrides(new Properties())
        .build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, "bench");
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ID, SECRET)
        .endpoint(URI.create("http://127.0.0.1:0")).build();
    proxy.start();
    waitUntil(() -> "STARTED".equals(proxy.getState()));
    return proxy;
  }

  private static void waitUntil(Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("gave up waiting after 5 minutes");
      }
      Thread.sleep(20);
    }
  }

  @FunctionalInterface
  private interface Check {
    boolean ok() throws Exception;
  }
}

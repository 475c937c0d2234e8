package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Timer;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.secrets.SecretData;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * Probe cost: S3 calls per integration per probe, for each kind of probe, counted from the AWS SDK's
 * own per-call metrics while 100 integrations of that kind are verified.
 */
public final class ProbeCost {
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  private static final String ID = "AKIABENCHMARK0000001";
  private static final String SECRET = "benchmark-secret-key-0123456789abcdefghij";
  private static final int N = 100;

  private ProbeCost() {}

  public static void main(String[] args) throws Exception {
    MOCK_LOG.setLevel(Level.WARNING);
    System.setProperty("logback.configurationFile", "logback-benchmarks.xml");
    System.out.printf("%nS3 calls per integration per probe (%d integrations each)%n", N);
    System.out.printf("| %-40s | %6s |%n", "integration", "calls");
    measure("ReadWrite (write, read back)", spec -> { });
    measure("ReadOnly with probe.objectKey", spec -> {
      spec.setMode(AccessMode.ReadOnly);
      spec.setProbe(new ProbeSpec());
      spec.getProbe().setObjectKey("a.jpg");
    });
    measure("ReadOnly without probe.objectKey", spec -> spec.setMode(AccessMode.ReadOnly));
    measure("ReadOnly with MIRAX (read, list)", spec -> {
      spec.setMode(AccessMode.ReadOnly);
      spec.setMirax(true);
      spec.setProbe(new ProbeSpec());
      spec.getProbe().setObjectKey("a.jpg");
    });
    System.exit(0);
  }

  private static void measure(String label, Consumer<WasabiStorageIntegrationSpec> kind) throws Exception {
    KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    api.init(InetAddress.getLoopbackAddress(), 0);
    BlobStoreContext blobs = ContextBuilder.newBuilder("transient").overrides(new Properties())
        .build(BlobStoreContext.class);
    blobs.getBlobStore().createContainerInLocation(null, "bench");
    blobs.getBlobStore().putBlob("bench", blobs.getBlobStore().blobBuilder("a.jpg").payload(new byte[] {1}).build());
    S3Proxy s3 = S3Proxy.builder().blobStore(blobs.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ID, SECRET)
        .endpoint(URI.create("http://127.0.0.1:0")).build();
    s3.start();
    while (!"STARTED".equals(s3.getState())) {
      Thread.sleep(10);
    }
    try (KubernetesClient client = api.createClient()) {
      client.resource(new SecretBuilder().withNewMetadata().withNamespace("bench").withName("platform").endMetadata()
          .withData(SecretData.encode(Map.of("accessKeyId", ID, "secretAccessKey", SECRET))).build()).create();
      WasabiOperator operator = new WasabiOperator(client, OperatorConfig.fromEnvironment(Map.of(
          OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true", OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "bench/platform")),
          Clock.systemUTC());
      operator.start();
      for (int i = 0; i < N; i++) {
        WasabiStorageIntegration integration = new WasabiStorageIntegration();
        integration.setMetadata(new ObjectMetaBuilder().withNamespace("bench").withName("store-" + i).build());
        WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
        spec.setBucket("bench");
        spec.setRegion("us-east-1");
        spec.setMode(AccessMode.ReadWrite);
        spec.setStorageName("store-" + i);
        spec.setEndpoint("http://127.0.0.1:" + s3.getPort());
        kind.accept(spec);
        integration.setSpec(spec);
        client.resource(integration).create();
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (probes(operator) < N && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      double calls = operator.metrics().registry().find("wasabi_operator_s3_call").timers().stream()
          .mapToLong(Timer::count).sum();
      System.out.printf("| %-40s | %6.2f |%n", label, calls / probes(operator));
      operator.close();
    } finally {
      s3.stop();
      blobs.close();
      api.destroy();
    }
  }

  private static double probes(WasabiOperator operator) {
    return operator.metrics().registry().find("wasabi_operator_probe_results").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }
}

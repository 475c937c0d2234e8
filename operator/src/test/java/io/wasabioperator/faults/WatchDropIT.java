package io.wasabioperator.faults;

import static io.wasabioperator.testsupport.Resources.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.testsupport.FaultyProxy.Fault;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API server drops every connection, watches included, as it does on a restart or a load
 * balancer's idle timeout: the operator's informers reconnect by themselves and miss nothing.
 */
@RecordedApiServer
class WatchDropIT {
  static KubernetesClient client;

  @Test
  void droppedWatchesReconnectAndChangesMadeMeanwhileAreReconciled() throws Exception {
    URI api = URI.create(client.getMasterUrl().toString());
    try (S3TestServer s3 = new S3TestServer();
         FaultyProxy proxy = new FaultyProxy(URI.create("http://" + api.getHost() + ":" + api.getPort()), Duration.ZERO);
         KubernetesClient throughProxy = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
             .withMasterUrl("https://localhost:" + proxy.endpoint().getPort()).withTrustCerts(true)
             .withNamespace("default").build()).build()) {
      s3.createBucket("watched");
      client.resource(credentials("watch", "platform", S3TestServer.READ_WRITE)).create();
      try (OperatorUnderTest operator = new OperatorUnderTest(throughProxy, LocalTenancy.operatorConfig(Map.of(
          OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true", OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "watch/platform")))) {
        create(s3, "before");
        operator.awaitCondition("watch", "before", "Ready", "True", "Ready");

        // Every connection to the API server drops; for a moment new ones are refused too.
        proxy.inject(Fault.REFUSE);
        create(s3, "during");
        proxy.inject(Fault.NONE);

        operator.awaitCondition("watch", "during", "Ready", "True", "Ready");
        create(s3, "after");
        operator.awaitCondition("watch", "after", "Ready", "True", "Ready");
        assertThat(proxy.connections()).as("connections made again after the drop").isGreaterThan(1);
      }
    }
  }

  private static void create(S3TestServer s3, String name) {
    WasabiStorageIntegration integration = Resources.integration("watch", name, "watched", AccessMode.ReadOnly);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    integration.getSpec().setStorageName(name);
    client.resource(integration).create();
  }
}

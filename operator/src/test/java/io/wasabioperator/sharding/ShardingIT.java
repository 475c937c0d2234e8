package io.wasabioperator.sharding;

import static io.wasabioperator.testsupport.Resources.integrationRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two operators share one API server, each with its own label selector: every resource is handled by
 * exactly one of them. Each renders its own principal into bucket policies, so a policy shows which
 * operator wrote an integration's status.
 */
@RecordedApiServer
class ShardingIT {
  static KubernetesClient client;
  private static final String SHARD_LABEL = "sharding.storage.wasabi-operator.io/key";
  private static final String SHARD_ONE = "arn:aws:iam::111111111111:user/shard-one";
  private static final String DEFAULT_SHARD = "arn:aws:iam::222222222222:user/default-shard";
  private static final String NS = "sharded";

  @Test
  void eachResourceIsHandledByTheOneShardItsLabelsSelect() throws Exception {
    try (S3TestServer s3 = new S3TestServer();
        OperatorUnderTest one = shard(SHARD_LABEL + "=shard1", SHARD_ONE);
        OperatorUnderTest rest = shard("!" + SHARD_LABEL, DEFAULT_SHARD)) {
      s3.createBucket("sharded-bucket");
      s3.putObject("sharded-bucket", "a.jpg", new byte[] {1});
      integration(s3, "in-shard-one", Map.of(SHARD_LABEL, "shard1"));
      integration(s3, "in-default-shard", Map.of());
      request("with-its-integration", "in-shard-one", Map.of(SHARD_LABEL, "shard1"));
      request("in-the-default-shard", "in-default-shard", Map.of());
      request("across-shards", "in-shard-one", Map.of());

      one.awaitCondition(NS, "in-shard-one", "Ready", "True", "Ready");
      rest.awaitCondition(NS, "in-default-shard", "Ready", "True", "Ready");
      one.awaitRequestCondition(NS, "with-its-integration", "Ready", "True", "Issued");
      rest.awaitRequestCondition(NS, "in-the-default-shard", "Ready", "True", "Issued");
      assertThat(rest.awaitRequestCondition(NS, "across-shards", "Ready", "False", "IntegrationNotFound")
          .getMessage()).contains("shard", "!" + SHARD_LABEL);

      await("no shard touches the other's integrations").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> {
            assertThat(policy("in-shard-one")).contains(SHARD_ONE).doesNotContain(DEFAULT_SHARD);
            assertThat(policy("in-default-shard")).contains(DEFAULT_SHARD).doesNotContain(SHARD_ONE);
          });
    }
  }

  private static OperatorUnderTest shard(String selector, String principal) {
    return new OperatorUnderTest(client, LocalTenancy.operatorConfig(Map.of(
        OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
        OperatorConfig.PLATFORM_CREDENTIALS_SECRET, NS + "/platform",
        OperatorConfig.PLATFORM_PRINCIPAL_ARN, principal,
        OperatorConfig.WATCH_LABEL_SELECTOR, selector)));
  }

  private static String policy(String integration) {
    return client.resources(WasabiStorageIntegration.class).inNamespace(NS).withName(integration).get()
        .getStatus().getBucketPolicy();
  }

  private static void integration(S3TestServer s3, String name, Map<String, String> labels) {
    if (client.secrets().inNamespace(NS).withName("platform").get() == null) {
      client.resource(Resources.credentials(NS, "platform", S3TestServer.READ_WRITE)).create();
    }
    WasabiStorageIntegration integration = Resources.integration(NS, name, "sharded-bucket", AccessMode.ReadOnly);
    integration.getMetadata().setLabels(labels);
    integration.getSpec().setEndpoint(s3.endpoint().toString());
    integration.getSpec().setStorageName(name);
    client.resource(integration).create();
  }

  private static void request(String name, String integration, Map<String, String> labels) {
    SignedUrlRequest request = new SignedUrlRequest();
    request.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).withLabels(labels).build());
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    spec.setIntegrationRef(integrationRef(integration));
    spec.setKey("a.jpg");
    request.setSpec(spec);
    client.resource(request).create();
  }
}

package io.wasabioperator.hostile;

import static io.wasabioperator.testsupport.Resources.credentialsRef;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.TenancyConfig;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant pointing spec.endpoint inside the cluster or host, through the whole operator: the hosts
 * are on the allowlist (as an administrator might allow a name without knowing where it resolves), but
 * their addresses lie in no allowed range, so no connection is made and the tenant learns nothing of
 * what answers there.
 */
@RecordedApiServer
class EndpointIsolationIT {
  static KubernetesClient client;
  private static final String NS = "tenant";
  private static final String BUCKET = "inside";
  private static final String UNANSWERING_PRIVATE_ADDRESS = "10.255.255.1";
  private static S3TestServer s3;
  private static FaultyProxy connections;
  private static OperatorUnderTest operator;
  private static LeakCheck leakCheck;

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    s3 = new S3TestServer();
    s3.createBucket(BUCKET);
    connections = new FaultyProxy(s3.endpoint(), Duration.ZERO);
    client.resource(Resources.credentials(NS, "keys", S3TestServer.READ_WRITE)).create();
    operator = new OperatorUnderTest(client, OperatorConfig.fromEnvironment(Map.of(
        OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
        TenancyConfig.ENDPOINT_ALLOWLIST, "localhost,127.0.0.1," + UNANSWERING_PRIVATE_ADDRESS,
        // An in-cluster range the administrator did allow, which none of the endpoints below is in.
        TenancyConfig.PRIVATE_ENDPOINT_CIDRS, "192.168.77.0/24")));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      leakCheck.assertNothingLeaked(client, List.of(S3TestServer.READ_WRITE.secretAccessKey()));
    } finally {
      leakCheck.close();
      operator.close();
      connections.close();
      s3.close();
    }
  }

  @Test
  void endpointsThatResolveInsideAreRefusedWithoutAConnection() {
    integration("by-name", "http://localhost:" + connections.endpoint().getPort());
    integration("by-address", "http://127.0.0.1:" + connections.endpoint().getPort());
    integration("private", "http://" + UNANSWERING_PRIVATE_ADDRESS + ":9");
    integration("elsewhere", "https://s3.attacker.example");

    for (String name : List.of("by-name", "by-address", "private")) {
      Condition refused = operator.awaitCondition(NS, name, "AccessVerified", "False", "EndpointNotAllowed");
      assertThat(refused.getMessage()).contains("WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS")
          .doesNotContain("127.0.0.1").doesNotContain(UNANSWERING_PRIVATE_ADDRESS);
    }
    operator.awaitCondition(NS, "elsewhere", "Validated", "False", "EndpointNotAllowed");
    assertThat(connections.connections()).as("connections that reached the S3 server").isZero();
    assertThat(client.secrets().inNamespace(NS).withName("by-name-connection").get().getData())
        .as("an unverified key pair is not copied").doesNotContainKeys("AWS_ACCESS_KEY_ID");
  }

  private static void integration(String name, String endpoint) {
    WasabiStorageIntegration integration = Resources.integration(NS, name, BUCKET, AccessMode.ReadOnly);
    integration.getSpec().setEndpoint(endpoint);
    integration.getSpec().setStorageName(name);
    integration.getSpec().setCredentialsSecretRef(credentialsRef("keys"));
    client.resource(integration).create();
  }
}

package io.wasabioperator.rbac;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import io.wasabioperator.testsupport.RecordedApiServer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator watching every namespace, recorded for the chart's default render with the platform identity. */
@RecordedApiServer(chartValues = "{\"platformCredentials\": {\"secretName\": \"platform-credentials\"}}")
class ClusterWideRbacScenarioIT {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static TokenIssuer issuer;

  @Test
  void aShortLifeWithAFailover() throws Exception {
    new RbacScenario(client, server, issuer, Set.of()).run();
  }
}

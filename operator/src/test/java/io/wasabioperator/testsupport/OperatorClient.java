package io.wasabioperator.testsupport;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wasabioperator.WasabiOperator;

/** A client for the operator under test: the test's connection, with the operator's User-Agent, so its requests are recorded. */
public final class OperatorClient {
  private OperatorClient() {}

  public static KubernetesClient of(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(WasabiOperator.USER_AGENT).build())
        .build();
  }
}

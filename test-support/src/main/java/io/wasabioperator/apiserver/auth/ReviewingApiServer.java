package io.wasabioperator.apiserver.auth;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.wasabioperator.apiserver.AdmittedApiServers;
import java.time.Clock;

/**
 * The admitting test API server with {@link Reviews} in front, a {@link TokenIssuer} on the given clock, and a
 * client that does not retry, so a review that fails is seen as the signing API, with its own budget, sees it.
 */
public final class ReviewingApiServer implements AutoCloseable {
  private final TokenIssuer issuer;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private Reviews reviews;

  public ReviewingApiServer(Clock clock) {
    issuer = new TokenIssuer(clock);
    server = AdmittedApiServers.start(store -> reviews = new Reviews(store, issuer));
    try (KubernetesClient plain = server.createClient()) {
      client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(plain.getConfiguration())
          .withRequestRetryBackoffLimit(0).build()).build();
    }
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  public Reviews reviews() {
    return reviews;
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}

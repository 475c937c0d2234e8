package io.wasabioperator.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The real operator, started against a (mock) API server, with helpers to read what it reports. */
public final class OperatorUnderTest implements AutoCloseable {
  private final KubernetesClient client;
  private final WasabiOperator operator;

  public OperatorUnderTest(KubernetesClient client, OperatorConfig config) {
    this.client = client;
    this.operator = new WasabiOperator(client, config, Clock.systemUTC());
    operator.start();
  }

  public WasabiStorageIntegration integration(String namespace, String name) {
    return client.resources(WasabiStorageIntegration.class).inNamespace(namespace).withName(name).get();
  }

  public Optional<Condition> condition(String namespace, String name, String type) {
    WasabiStorageIntegration integration = integration(namespace, name);
    if (integration == null || integration.getStatus() == null) {
      return Optional.empty();
    }
    return integration.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Waits until the condition has the status and reason, and returns it. */
  public Condition awaitCondition(String namespace, String name, String type, String status, String reason) {
    return await(namespace + "/" + name + " " + type + "=" + status + " " + reason)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> condition(namespace, name, type)
            .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason()))
            .orElse(null), c -> c != null);
  }

  @Override
  public void close() {
    operator.close();
  }
}

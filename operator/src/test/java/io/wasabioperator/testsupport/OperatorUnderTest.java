package io.wasabioperator.testsupport;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.SigningConfig;
import java.time.Clock;
import org.awaitility.core.ConditionTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The real operator, started against a (mock) API server, with helpers to read what it reports. */
public final class OperatorUnderTest implements AutoCloseable {
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final WasabiOperator operator;

  public OperatorUnderTest(KubernetesClient client, OperatorConfig config) {
    this(client, config, Clock.systemUTC());
  }

  public OperatorUnderTest(KubernetesClient client, OperatorConfig config, Clock clock) {
    this(client, config, SigningConfig.off(), clock);
  }

  /** With the signing API served as {@code signing} says. */
  public OperatorUnderTest(KubernetesClient client, OperatorConfig config, SigningConfig signing, Clock clock) {
    this.client = client;
    this.operatorClient = OperatorClient.of(client);
    this.operator = new WasabiOperator(operatorClient, config, signing, clock, Optional.empty());
    operator.start();
  }

  /** The signing API's port, when it is served. */
  public int signingPort() {
    return operator.signingPort().orElseThrow();
  }

  public boolean ready() {
    return operator.ready();
  }

  /** The integration as the operator's informer holds it now. */
  public Optional<WasabiStorageIntegration> integrationSeen(String namespace, String name) {
    return operator.integrations().find(namespace, name);
  }

  public io.wasabioperator.observability.OperatorMetrics metrics() {
    return operator.metrics();
  }

  public SignedUrlRequest request(String namespace, String name) {
    return client.resources(SignedUrlRequest.class).inNamespace(namespace).withName(name).get();
  }

  public Optional<Condition> requestCondition(String namespace, String name, String type) {
    SignedUrlRequest request = request(namespace, name);
    if (request == null || request.getStatus() == null) {
      return Optional.empty();
    }
    return request.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Waits until the request's condition has the status and reason, and returns it. */
  public Condition awaitRequestCondition(String namespace, String name, String type, String status, String reason) {
    return awaitCondition(namespace + "/" + name + " " + type + "=" + status + " " + reason,
        () -> requestCondition(namespace, name, type), status, reason,
        () -> Optional.ofNullable(request(namespace, name)).map(SignedUrlRequest::getStatus)
            .map(s -> s.getConditions().toString()).orElse("none"));
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

  /** Waits until the integration's condition has the status and reason, and returns it. */
  public Condition awaitCondition(String namespace, String name, String type, String status, String reason) {
    return awaitCondition(namespace + "/" + name + " " + type + "=" + status + " " + reason,
        () -> condition(namespace, name, type), status, reason,
        () -> Optional.ofNullable(integration(namespace, name)).map(WasabiStorageIntegration::getStatus)
            .map(s -> s.getConditions().toString()).orElse("none"));
  }

  private static Condition awaitCondition(String alias, Supplier<Optional<Condition>> condition, String status,
      String reason, Supplier<String> lastStatus) {
    try {
      return await(alias)
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> condition.get().filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason()))
              .orElse(null), c -> c != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; last conditions: " + lastStatus.get(), e);
    }
  }

  @Override
  public void close() {
    operator.close();
    operatorClient.close();
  }
}

package io.wasabioperator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.wasabioperator.config.InvalidConfigurationException;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.integration.WasabiStorageIntegrationReconciler;
import io.wasabioperator.signedurl.SignedUrlRequestReconciler;
import io.wasabioperator.storage.S3ClientFactory;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring: configuration, then the operator with one reconciler per resource. */
public final class WasabiOperator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WasabiOperator.class);

  private final Operator operator;
  private final S3ClientFactory s3;

  public WasabiOperator(KubernetesClient client, OperatorConfig config, Clock clock) {
    this.s3 = new S3ClientFactory(config.s3Timeouts());
    this.operator = new Operator(o -> o
        .withKubernetesClient(client)
        .withCloseClientOnStop(false)
        // Server-side apply of the primary resource is off: a JSON patch of status works on every
        // API server (and on the mock server the tests use) and never takes ownership of spec fields.
        .withUseSSAToPatchPrimaryResource(false));
    operator.register(new WasabiStorageIntegrationReconciler(client, config, s3, clock), c -> {
      if (!config.watchNamespaces().isEmpty()) {
        c.settingNamespaces(config.watchNamespaces());
      }
      c.withRetry(apiErrorRetry());
    });
    operator.register(new SignedUrlRequestReconciler(client, config, s3, clock), c -> {
      if (!config.watchNamespaces().isEmpty()) {
        c.settingNamespaces(config.watchNamespaces());
      }
      c.withRetry(apiErrorRetry());
      // The renew-requested-at annotation must wake the request although it does not bump the generation.
      c.withGenerationAware(false).withOnUpdateFilter(SignedUrlRequestReconciler::isRelevantUpdate);
    });
  }

  /**
   * Expected failures end in status and a scheduled recheck; what reaches the framework's retry is an
   * API error (a conflict, a 5xx, a dropped connection). Retry those with capped backoff, without a
   * limit, so that a long API outage does not leave resources unreconciled for hours.
   */
  private static GenericRetry apiErrorRetry() {
    return new GenericRetry()
        .setInitialInterval(Duration.ofSeconds(1))
        .setIntervalMultiplier(2)
        .setMaxInterval(Duration.ofMinutes(5).toMillis())
        .withoutMaxAttempts();
  }

  public void start() {
    operator.start();
  }

  @Override
  public void close() {
    operator.stop();
    s3.close();
  }

  public static void main(String[] args) {
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (InvalidConfigurationException e) {
      System.err.println("wasabi-operator: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    WasabiOperator operator = new WasabiOperator(client, config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping");
      operator.close();
      client.close();
    }, "shutdown"));
    try {
      operator.start();
    } catch (RuntimeException e) {
      // Typically no reachable API server or missing RBAC; the cause says which.
      log.error("Could not start: {}", e.getMessage());
      System.exit(1);
    }
    log.info("Started; watching {}", config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces());
  }

}

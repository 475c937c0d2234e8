package io.wasabioperator.faults;

import static io.wasabioperator.testsupport.Resources.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.testsupport.FaultyProxy.Fault;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.LeakCheck;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.MovableClock;
import io.wasabioperator.testsupport.OperatorUnderTest;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Storage faults between the operator and a real S3 server: what the user sees, that retries back
 * off, that no reconcile waits past the S3 timeouts, and that everything recovers by itself.
 */
@RecordedApiServer
class StorageFaultIT {
  static KubernetesClient client;
  private static S3TestServer s3;
  private static OperatorUnderTest operator;
  private static LeakCheck leakCheck;
  private static final MovableClock clock = new MovableClock();
  private static final S3Timeouts TIMEOUTS = new S3Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(3));

  @BeforeAll
  static void start() throws Exception {
    leakCheck = new LeakCheck();
    s3 = new S3TestServer();
    s3.createBucket("faulty");
    s3.putObject("faulty", "a.jpg", new byte[] {1});
    client.resource(credentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
    // Probes every 30s (the minimum) unless they fail; failures retry from 1s, doubling to 8s.
    OperatorConfig config = new OperatorConfig(Set.of(), Optional.of(new SecretLocation("wasabi-operator", "platform")),
        OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, Duration.ofSeconds(30), OperatorConfig.DEFAULT_MAX_URL_DURATION,
        Duration.ofSeconds(1), new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), TIMEOUTS, Optional.empty(),
        LocalTenancy.config(), Optional.empty());
    operator = new OperatorUnderTest(client, config, clock);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      // Failures are where secrets slip out: into exception messages and error logs.
      leakCheck.assertNothingLeaked(client, java.util.List.of("X-Amz-Signature", "Signature=",
          S3TestServer.READ_WRITE.secretAccessKey()));
    } finally {
      leakCheck.close();
      operator.close();
      s3.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "REFUSE, EndpointUnreachable, connection refused",
      "RESET_MID_RESPONSE, EndpointUnreachable, connection",
      "HANG, EndpointUnreachable, timed out",
      "SLOW_DOWN_503, ProbeFailed, SlowDown",
      "INTERNAL_ERROR_500, ProbeFailed, InternalError"})
  void faultIsReportedRetriedWithBackoffAndRecovered(Fault fault, String reason, String messagePart) throws Exception {
    String ns = "fault-" + fault.name().toLowerCase().replace('_', '-');
    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint(), Duration.ZERO)) {
      proxy.inject(fault);
      createIntegration(ns, proxy);

      Condition failed = operator.awaitCondition(ns, "store", "Ready", "False", reason);
      assertThat(failed.getMessage()).contains(messagePart).doesNotContain("Exception").doesNotContain("\tat ");

      // Backoff: over 12 seconds of failures, a handful of probes (1s, 2s, 4s, then 8s apart, so at
      // least one however far the backoff had grown, a slow failing probe included), each at most
      // 3 HTTP attempts by the S3 client, not a hot loop.
      int connectionsBefore = proxy.connections();
      double probesBefore = failedProbes();
      await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(14)).until(() -> true);
      double probes = failedProbes() - probesBefore;
      assertThat(probes).as("probes in 12s of " + fault).isBetween(1.0, 6.0);
      assertThat(proxy.connections() - connectionsBefore).as("connections in 12s of " + fault)
          .isLessThanOrEqualTo(18);

      // No reconcile waits much longer than one S3 call's timeout, even when the endpoint hangs.
      Timer reconciles = operator.metrics().registry().find("operator.sdk.controllers.execution.reconcile")
          .tag("controller", "wasabistorageintegrationreconciler").timer();
      assertThat(reconciles).isNotNull();
      assertThat(reconciles.max(TimeUnit.SECONDS)).isLessThan(TIMEOUTS.call().getSeconds() * 2 + 1);

      proxy.inject(Fault.NONE);
      operator.awaitCondition(ns, "store", "Ready", "True", "Ready");
    }
  }

  @Test
  void slowButSuccessfulEndpointIsFine() throws Exception {
    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint(), Duration.ofMillis(700))) {
      proxy.inject(Fault.SLOW);
      createIntegration("fault-slow", proxy);
      operator.awaitCondition("fault-slow", "store", "Ready", "True", "Ready");
    }
  }

  @Test
  void outageShorterThanRenewBeforeLetsNoUrlExpire() throws Exception {
    String ns = "fault-renewal";
    try (FaultyProxy proxy = new FaultyProxy(s3.endpoint(), Duration.ZERO)) {
      createIntegration(ns, proxy);
      operator.awaitCondition(ns, "store", "Ready", "True", "Ready");
      SignedUrlRequest request = new SignedUrlRequest();
      request.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("url").build());
      request.setSpec(new SignedUrlRequestSpec());
      request.getSpec().setIntegrationRef(Resources.integrationRef("store"));
      request.getSpec().setKey("a.jpg");
      client.resource(request).create();
      operator.awaitRequestCondition(ns, "url", "Ready", "True", "Issued");
      Instant renewal = Instant.parse(operator.request(ns, "url").getStatus().getRenewalTime());

      // The storage goes away just before renewal time, and the integration notices.
      proxy.inject(Fault.REFUSE);
      clock.moveBy(Duration.between(clock.instant(), renewal).minusSeconds(5));
      // A spec edit makes the integration probe at once (and changes nothing the URL depends on).
      client.resources(WasabiStorageIntegration.class).inNamespace(ns).withName("store").edit(wsi -> {
        wsi.getSpec().setProbe(new io.wasabioperator.api.ProbeSpec());
        wsi.getSpec().getProbe().setInterval("31s");
        return wsi;
      });
      operator.awaitCondition(ns, "store", "Ready", "False", "EndpointUnreachable");
      assertThat(operator.request(ns, "url").getStatus().getRevision()).isEqualTo(1L);
      clock.moveBy(Duration.ofSeconds(10));

      // Signing needs no storage call: the URL is renewed during the outage, before it expires.
      await().atMost(Duration.ofSeconds(10)).until(() -> operator.request(ns, "url").getStatus().getRevision() == 2L);
      assertThat(Instant.parse(operator.request(ns, "url").getStatus().getNotAfter())).isAfter(clock.instant());
      assertThat(operator.condition(ns, "store", "Ready").orElseThrow().getReason())
          .as("still during the outage").isEqualTo("EndpointUnreachable");
      proxy.inject(Fault.NONE);
    } finally {
      clock.reset();
    }
  }

  /** Resources of finished tests would go on probing a proxy that is gone. */
  @AfterEach
  void cleanUp() {
    client.resources(SignedUrlRequest.class).inAnyNamespace().delete();
    client.resources(WasabiStorageIntegration.class).inAnyNamespace().delete();
    clock.reset();
  }

  /**
   * Failed probes of any reason: an endpoint answering 503 gives ProbeFailed or, when the SDK's
   * backoff between its attempts outlasts the call timeout, EndpointUnreachable.
   */
  private static double failedProbes() {
    return operator.metrics().registry().find("wasabi_operator_probe_results").counters().stream()
        .filter(counter -> !"AccessVerified".equals(counter.getId().getTag("reason")))
        .mapToDouble(Counter::count).sum();
  }

  private static void createIntegration(String ns, FaultyProxy proxy) {
    WasabiStorageIntegration integration = Resources.integration(ns, "store", "faulty", AccessMode.ReadWrite);
    integration.getSpec().setEndpoint(proxy.endpoint().toString());
    client.resource(integration).create();
  }
}

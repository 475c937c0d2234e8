package io.wasabioperator.failover;

import static io.wasabioperator.testsupport.Resources.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.Counter;
import io.wasabioperator.WasabiOperator;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.config.RetryBackoff;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.config.SecretLocation;
import io.wasabioperator.testsupport.LeaseRulesReview;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.MovableClock;
import io.wasabioperator.testsupport.OperatorClient;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas with leader election against one API server: only the leader reconciles;
 * when it stops, the other takes over and renews every URL before expiry, issuing no revision twice.
 */
@RecordedApiServer
class LeaderFailoverIT {
  static KubernetesClient client;
  static KubernetesMockServer server;
  private static final String NS = "failover";

  @Test
  void theFollowerTakesOverAndRenewsEveryUrl() throws Exception {
    LeaseRulesReview.answerAsTheChartAllows(server);

    MovableClock clock = new MovableClock();
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("shared");
      s3.putObject("shared", "a.jpg", new byte[] {1});
      client.resource(credentials("wasabi-operator", "platform", S3TestServer.READ_WRITE)).create();
      OperatorConfig config = new OperatorConfig(Set.of(), Optional.of(new SecretLocation("wasabi-operator", "platform")),
          OperatorConfig.DEFAULT_PRINCIPAL_ARN, true, OperatorConfig.DEFAULT_PROBE_INTERVAL,
          OperatorConfig.DEFAULT_MAX_URL_DURATION, Duration.ofSeconds(1),
          new RetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(1)),
          new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)), Optional.empty(),
          LocalTenancy.config(), Optional.empty());
      KubernetesClient firstClient = OperatorClient.of(client);
      KubernetesClient secondClient = OperatorClient.of(client);
      WasabiOperator first = new WasabiOperator(firstClient, config, clock, Optional.of(lease("replica-1")));
      first.start();
      WasabiOperator second = new WasabiOperator(secondClient, config, clock, Optional.of(lease("replica-2")));
      second.start();
      try {
        WasabiStorageIntegration integration = Resources.integration(NS, "store", "shared", AccessMode.ReadWrite);
        integration.getSpec().setEndpoint(s3.endpoint().toString());
        client.resource(integration).create();
        for (int i = 1; i <= 3; i++) {
          SignedUrlRequest request = new SignedUrlRequest();
          request.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName("url-" + i).build());
          request.setSpec(new SignedUrlRequestSpec());
          request.getSpec().setIntegrationRef(Resources.integrationRef("store"));
          request.getSpec().setKey("a.jpg");
          client.resource(request).create();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> revisions().values().stream().allMatch(r -> r == 1L)
            && revisions().size() == 3);

        WasabiOperator leader = reconciles(first) > 0 ? first : second;
        WasabiOperator follower = leader == first ? second : first;
        assertThat(reconciles(leader)).as("the leader reconciles").isPositive();
        assertThat(reconciles(follower)).as("the follower reconciles nothing").isZero();

        leader.close();
        Instant renewal = requests().stream().map(r -> Instant.parse(r.getStatus().getRenewalTime()))
            .max(Instant::compareTo).orElseThrow();
        clock.moveBy(Duration.between(clock.instant(), renewal).plusSeconds(1));

        await().atMost(Duration.ofSeconds(40)).until(() -> revisions().values().stream().allMatch(r -> r == 2L));
        assertThat(reconciles(follower)).isPositive();
        for (SignedUrlRequest request : requests()) {
          assertThat(Instant.parse(request.getStatus().getNotAfter())).isAfter(clock.instant());
        }
        // Every revision of every request was signed exactly once, by one replica or the other: 3 requests, 2 each.
        assertThat(signed(first) + signed(second)).isEqualTo(6);
      } finally {
        first.close();
        second.close();
        firstClient.close();
        secondClient.close();
      }
    }
  }

  private static LeaderElectionConfiguration lease(String identity) {
    // Short lease so the takeover happens within seconds; no exit when leadership ends (a test JVM).
    return new LeaderElectionConfiguration("wasabi-operator-leader", "wasabi-operator", Duration.ofSeconds(3),
        Duration.ofSeconds(2), Duration.ofMillis(500), identity, null, false);
  }

  private static double reconciles(WasabiOperator operator) {
    return operator.metrics().registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(Counter::count).sum();
  }

  private static double signed(WasabiOperator operator) {
    return operator.metrics().registry().getMeters().stream()
        .filter(meter -> meter.getId().getName().equals("wasabi_operator_urls_issued")
            || meter.getId().getName().equals("wasabi_operator_urls_renewed"))
        .mapToDouble(meter -> ((Counter) meter).count()).sum();
  }

  private static List<SignedUrlRequest> requests() {
    return client.resources(SignedUrlRequest.class).inNamespace(NS).list().getItems();
  }

  private static Map<String, Long> revisions() {
    return requests().stream().filter(r -> r.getStatus() != null && r.getStatus().getRevision() != null)
        .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r.getStatus().getRevision(),
            (a, b) -> a, java.util.TreeMap::new));
  }

}

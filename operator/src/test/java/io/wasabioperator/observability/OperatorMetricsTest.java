package io.wasabioperator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aRenewalIsOverdueOnlyOnceItIsMoreThanAMinuteLate() {
    OperatorMetrics metrics = new OperatorMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
    metrics.renewalTimesFrom(() -> Stream.of(NOW.plusSeconds(600), NOW.minusSeconds(30),
        NOW.minus(OperatorMetrics.RENEWAL_GRACE).minusSeconds(1), NOW.minus(Duration.ofHours(1))));
    metrics.integrationsNotReadyFrom(() -> 3L);
    metrics.leading();

    assertThat(metrics.scrape()).contains("wasabi_operator_urls_renewal_overdue 2.0")
        .contains("wasabi_operator_integrations_not_ready 3.0");
  }

  /** A standby's caches count the same resources: summed over replicas or shards, they would count twice. */
  @Test
  void onlyTheLeaderReportsTheCountGauges() {
    OperatorMetrics metrics = new OperatorMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
    metrics.integrationsNotReadyFrom(() -> 3L);

    assertThat(metrics.scrape()).as("a standby").doesNotContain("wasabi_operator_integrations_not_ready",
        "wasabi_operator_requests_not_ready", "wasabi_operator_urls_renewal_overdue",
        "wasabi_operator_url_earliest_expiry_seconds");
    metrics.leading();
    assertThat(metrics.scrape()).contains("wasabi_operator_integrations_not_ready 3.0");
    metrics.notLeading();
    assertThat(metrics.scrape()).doesNotContain("wasabi_operator_integrations_not_ready");
  }
}

package io.wasabioperator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wasabioperator.storage.S3CallListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's own metrics, next to java-operator-sdk's reconcile metrics in one Prometheus
 * registry. Tags are bounded sets (reasons, operations), never resource names: a cluster with
 * thousands of requests must not mean thousands of time series.
 */
public final class OperatorMetrics implements S3CallListener {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  /** How late a renewal may be before it counts as overdue: a reconcile, a retry, a slow S3 call. */
  public static final Duration RENEWAL_GRACE = Duration.ofMinutes(1);

  private volatile Supplier<Optional<Instant>> earliestExpiry = Optional::empty;
  private volatile Supplier<Stream<Instant>> renewalTimes = Stream::empty;
  private volatile Supplier<Long> integrationsNotReady = () -> 0L;
  private volatile Supplier<Long> requestsNotReady = () -> 0L;
  private final List<Meter> countGauges = new ArrayList<>();

  public OperatorMetrics(Clock clock) {
    this.clock = clock;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  /**
   * This replica leads (or there is no election): it reports the gauges counted from its caches. A standby
   * reports none of them, so that a sum over replicas, or over shards, counts each resource once.
   */
  public synchronized void leading() {
    if (!countGauges.isEmpty()) {
      return;
    }
    countGauges.add(Gauge.builder("wasabi_operator_url_earliest_expiry_seconds", this,
            OperatorMetrics::secondsUntilEarliestExpiry)
        .description("Seconds until the earliest presigned URL held in a Secret expires (NaN when there is none)")
        .register(registry));
    countGauges.add(Gauge.builder("wasabi_operator_urls_renewal_overdue", this, OperatorMetrics::overdueRenewals)
        .description("Requests whose URLs are past their renewal time by more than a minute: renewal is failing")
        .register(registry));
    countGauges.add(Gauge.builder("wasabi_operator_requests_not_ready", this, metrics -> metrics.requestsNotReady.get())
        .description("Requests whose Ready condition is not True: no valid URL in their Secret")
        .register(registry));
    countGauges.add(Gauge.builder("wasabi_operator_integrations_not_ready", this,
            metrics -> metrics.integrationsNotReady.get())
        .description("Integrations whose Ready condition is not True for their current generation")
        .register(registry));
  }

  /** Leadership lost (the process exits right after, as java-operator-sdk stops it): the gauges go. */
  public synchronized void notLeading() {
    countGauges.forEach(registry::remove);
    countGauges.clear();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Where the earliest expiry comes from: the requests the operator currently knows. */
  public void earliestExpiryFrom(Supplier<Optional<Instant>> source) {
    this.earliestExpiry = source;
  }

  /** Where the renewal times come from: those of the requests the operator currently knows. */
  public void renewalTimesFrom(Supplier<Stream<Instant>> source) {
    this.renewalTimes = source;
  }

  public void integrationsNotReadyFrom(Supplier<Long> source) {
    this.integrationsNotReady = source;
  }

  public void requestsNotReadyFrom(Supplier<Long> source) {
    this.requestsNotReady = source;
  }

  public void probed(String reason) {
    Counter.builder("wasabi_operator_probe_results").description("Access probes, by the AccessVerified reason")
        .tag("reason", reason).register(registry).increment();
  }

  /** @param renewal false for a request's first URLs, true for every later signing */
  public void urlsIssued(String reason, boolean renewal, int count) {
    Counter.builder(renewal ? "wasabi_operator_urls_renewed" : "wasabi_operator_urls_issued")
        .description(renewal ? "Presigned URLs signed again, by why" : "Presigned URLs signed for the first time")
        .tag("reason", reason).register(registry).increment(count);
  }

  @Override
  public void called(String operation, Duration duration, boolean successful) {
    Timer.builder("wasabi_operator_s3_call").description("S3 API calls, retries included")
        .tag("operation", operation).tag("outcome", successful ? "success" : "failure")
        .register(registry).record(duration);
  }

  public String scrape() {
    return registry.scrape();
  }

  private double overdueRenewals() {
    Instant overdue = clock.instant().minus(RENEWAL_GRACE);
    return renewalTimes.get().filter(time -> time.isBefore(overdue)).count();
  }

  private double secondsUntilEarliestExpiry() {
    return earliestExpiry.get()
        .map(expiry -> (double) Duration.between(clock.instant(), expiry).toMillis() / 1000)
        .orElse(Double.NaN);
  }
}

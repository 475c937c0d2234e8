package io.wasabioperator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The signing API's metrics, reported by every replica (each serves calls): calls by status code and reason,
 * URLs signed, latency, review cache hits and misses, rate-limited calls. Tags are bounded sets, never a
 * caller, a namespace or an integration.
 */
public final class SigningMetrics {
  private final MeterRegistry registry;
  // Every call records: each meter is looked up in the registry once per set of tags, not once per call.
  private final Map<Integer, Timer> latencies = new ConcurrentHashMap<>();
  private final Map<String, Counter> calls = new ConcurrentHashMap<>();
  private final Map<String, Counter> urls = new ConcurrentHashMap<>();

  public SigningMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** @param reason the answer's reason ("Signed" for a 200), from a fixed set */
  public void called(int status, String reason, Duration took) {
    counted(status, reason);
    latencies.computeIfAbsent(status, code -> Timer.builder("wasabi_operator_signing_call")
        .description("Signing API calls, from the head's arrival to the answer, by status code")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .tag("code", Integer.toString(code)).register(registry)).record(took);
  }

  /** A call answered by the server itself (busy, unreadable, failed): counted, its latency not measured. */
  public void counted(int status, String reason) {
    calls.computeIfAbsent(status + " " + reason, key -> Counter.builder("wasabi_operator_signing_calls")
        .description("Signing API calls, by status code and reason")
        .tag("code", Integer.toString(status)).tag("reason", reason).register(registry)).increment();
  }

  public void signed(String method, long count) {
    urls.computeIfAbsent(method, key -> Counter.builder("wasabi_operator_signing_urls")
        .description("Presigned URLs handed out by the signing API")
        .tag("method", method).register(registry)).increment(count);
  }

  /** @param limit which limit turned the call away: caller (per identity) or source (bad tokens per address) */
  public void rateLimited(String limit) {
    Counter.builder("wasabi_operator_signing_rate_limited").description("Signing API calls refused by a rate limit")
        .tag("limit", limit).register(registry).increment();
  }

  /** @param review token (TokenReview) or access (SubjectAccessReview) */
  public <T> void reviewCache(String review, T cache, ToDoubleFunction<T> hits, ToDoubleFunction<T> misses) {
    FunctionCounter.builder("wasabi_operator_signing_review_cache", cache, hits)
        .description("Review answers taken from the cache (hit) or asked of the API server (miss)")
        .tag("review", review).tag("result", "hit").register(registry);
    FunctionCounter.builder("wasabi_operator_signing_review_cache", cache, misses)
        .description("Review answers taken from the cache (hit) or asked of the API server (miss)")
        .tag("review", review).tag("result", "miss").register(registry);
  }
}

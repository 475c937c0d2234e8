package io.wasabioperator.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets, one per key (an authenticated identity, a source address, or one for all): {@code rate}
 * calls a second on average, bursts of up to {@code burst}. Bounded: past {@code capacity} keys, the least
 * recently seen goes (it starts full again, which only ever lets a caller through sooner). Per replica.
 */
public final class RateLimiter<K> {
  private static final class Bucket {
    double tokens;
    long refilledNanos;
  }

  private final double rate;
  private final double burst;
  private final int capacity;
  private final Clock clock;
  private final Map<K, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

  public RateLimiter(double ratePerSecond, int burst, int capacity, Clock clock) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
    }
    this.rate = ratePerSecond;
    this.burst = burst;
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Takes one call for {@code key}: empty when allowed, or how long to wait before the next would be. */
  public Optional<Duration> take(K key) {
    return spend(key, true);
  }

  /** As {@link #take}, without taking: whether a call for {@code key} would be allowed now. */
  public Optional<Duration> peek(K key) {
    return spend(key, false);
  }

  private Optional<Duration> spend(K key, boolean take) {
    long now = nanos();
    synchronized (buckets) {
      Bucket bucket = buckets.computeIfAbsent(key, k -> {
        Bucket fresh = new Bucket();
        fresh.tokens = burst;
        fresh.refilledNanos = now;
        return fresh;
      });
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledNanos) / 1e9 * rate);
      bucket.refilledNanos = now;
      while (buckets.size() > capacity) {
        buckets.remove(buckets.keySet().iterator().next());
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= take ? 1 : 0;
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / rate * 1e9)));
    }
  }

  private long nanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}

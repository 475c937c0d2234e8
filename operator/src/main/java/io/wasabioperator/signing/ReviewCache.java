package io.wasabioperator.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers of TokenReviews or SubjectAccessReviews, kept for as long as each may be trusted and never
 * beyond: an expired answer is asked again, so that with the API server down a caller whose answers
 * expired gets an error, never an old allow. Identical reviews asked at once collapse into one request.
 * Bounded: past {@code capacity} entries, the least recently used goes. Per replica.
 *
 * @param <K> what identifies a review (a hash of the token; the user, groups and attributes)
 * @param <V> its answer
 */
public final class ReviewCache<K, V> {
  private record Entry<V>(CompletableFuture<V> answer, Instant until) {}

  private final int capacity;
  private final Clock clock;
  private final Function<V, Instant> keepUntil;
  private final Map<K, Entry<V>> entries;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * @param keepUntil how long an answer may be kept, from its content (30 s for an allow, 10 s for a
   *     denial; a token review's at most 2 minutes and never past the token's expiry)
   */
  public ReviewCache(int capacity, Clock clock, Function<V, Instant> keepUntil) {
    this.capacity = capacity;
    this.clock = clock;
    this.keepUntil = keepUntil;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * The kept answer for {@code key} while it is valid; otherwise the answer of one call of {@code review},
   * shared by every caller that asks for the same key meanwhile. A failed review is not kept.
   */
  public CompletableFuture<V> get(K key, Supplier<CompletableFuture<V>> review) {
    CompletableFuture<V> pending;
    synchronized (entries) {
      Instant now = clock.instant();
      Entry<V> entry = entries.get(key);
      if (entry != null && (entry.until() == null || now.isBefore(entry.until()))) {
        hits.incrementAndGet();
        return entry.answer();
      }
      misses.incrementAndGet();
      // In flight (until unknown yet), or expired: a new review.
      pending = new CompletableFuture<>();
      entries.put(key, new Entry<>(pending, null));
      while (entries.size() > capacity) {
        K eldest = entries.keySet().iterator().next();
        entries.remove(eldest);
      }
    }
    CompletableFuture<V> asked;
    try {
      asked = review.get();
    } catch (RuntimeException | Error e) {
      asked = CompletableFuture.failedFuture(e);
    }
    // In flight until the review ends; the API client's own timeout bounds that. Whatever happens, the
    // entry is settled and the waiters answered: a review that never settles would hold its key forever.
    asked.whenComplete((answer, failure) -> {
      Throwable failed = failure;
      synchronized (entries) {
        Entry<V> entry = entries.get(key);
        boolean ours = entry != null && entry.answer() == pending;
        try {
          if (ours && failed == null) {
            entries.put(key, new Entry<>(pending, keepUntil.apply(answer)));
          }
        } catch (RuntimeException e) {
          failed = e;
        }
        if (ours && failed != null) {
          entries.remove(key);
        }
      }
      if (failed == null) {
        pending.complete(answer);
      } else {
        pending.completeExceptionally(failed);
      }
    });
    return pending;
  }

  /** Answers taken from the cache (or from a review in flight), for the metrics. */
  public long hits() {
    return hits.get();
  }

  /** Answers that needed a review of their own. */
  public long misses() {
    return misses.get();
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}

package io.wasabioperator.integration;

import io.wasabioperator.config.RetryBackoff;
import java.time.Duration;
import java.time.Instant;

/**
 * When to probe again. Pure arithmetic, so that unit tests pin it down.
 *
 * <p>A failing probe backs off exponentially without keeping a counter: the next wait is as long as
 * the failure has lasted so far (at least the initial backoff, at most the cap or the interval), so
 * the waits double and the schedule survives an operator restart, being derived from status alone.
 */
public final class ProbeSchedule {
  private ProbeSchedule() {}

  /** After a successful (or inconclusive) probe: the interval plus up to 10% jitter, spread by resource. */
  public static Duration afterSuccess(Duration interval, String resourceUid) {
    long spreadMillis = interval.toMillis() / 10;
    long jitter = spreadMillis == 0 ? 0 : Math.floorMod(resourceUid == null ? 0 : resourceUid.hashCode(), spreadMillis);
    return interval.plusMillis(jitter);
  }

  /** After a failed probe, given when the failure started. */
  public static Duration afterFailure(Instant failingSince, Instant now, RetryBackoff backoff, Duration interval) {
    Duration elapsed = Duration.between(failingSince, now);
    Duration cap = backoff.max().compareTo(interval) < 0 ? backoff.max() : interval;
    if (elapsed.isNegative()) {
      // The failure started "in the future": the clock was stepped back. Wait the longest, not the shortest.
      return cap;
    }
    if (elapsed.compareTo(backoff.initial()) < 0) {
      return backoff.initial();
    }
    return elapsed.compareTo(cap) > 0 ? cap : elapsed;
  }

  /**
   * When a probe that failed at {@code lastProbe}, failing since {@code failingSince}, is due again:
   * the same backoff as {@link #afterFailure}, counted from that probe, so that a restart or an
   * unrelated event neither hurries nor postpones it.
   */
  public static Instant retryDueAt(Instant failingSince, Instant lastProbe, RetryBackoff backoff, Duration interval) {
    return lastProbe.plus(afterFailure(failingSince, lastProbe, backoff, interval));
  }

  /** Whether a probe that succeeded at {@code lastProbe} is due again. */
  public static boolean isDue(Instant lastProbe, Instant now, Duration interval) {
    return !now.isBefore(lastProbe.plus(interval));
  }
}

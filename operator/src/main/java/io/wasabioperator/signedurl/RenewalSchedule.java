package io.wasabioperator.signedurl;

import io.wasabioperator.config.RetryBackoff;
import java.time.Duration;
import java.time.Instant;

/** Renewal arithmetic. Pure, so that unit tests pin it down with fixed instants. */
public final class RenewalSchedule {
  /** Jitter is at most this share of renewBefore: 5%. */
  static final int JITTER_PERCENT = 5;

  private RenewalSchedule() {}

  /**
   * {@code notAfter - renewBefore - jitter}. The jitter, up to 5% of renewBefore, is derived from the
   * resource and the revision, so thousands of requests created together renew spread out, and the
   * same URL always has the same renewal time, also after a restart.
   */
  public static Instant renewalTime(Instant notBefore, Instant notAfter, Duration renewBefore, String uid,
      long revision) {
    // Never more than half the time between signing and renewal, so a renewal never comes due at once.
    Duration slack = Duration.between(notBefore, notAfter.minus(renewBefore)).dividedBy(2);
    return notAfter.minus(renewBefore).minus(jitter(renewBefore, slack, uid, revision));
  }

  static Duration jitter(Duration renewBefore, Duration slack, String uid, long revision) {
    long spread = Math.min(renewBefore.toMillis() * JITTER_PERCENT / 100, Math.max(0, slack.toMillis()));
    if (spread == 0) {
      return Duration.ZERO;
    }
    long hash = (uid == null ? 0 : uid.hashCode()) * 31L + revision;
    hash ^= (hash >>> 17);
    hash *= 0x9E3779B97F4A7C15L;
    return Duration.ofMillis(Math.floorMod(hash, spread + 1));
  }

  /** The wait before retry number {@code failedAttempts + 1}: doubling from the initial wait to the cap. */
  public static Duration retryAfter(int failedAttempts, RetryBackoff backoff) {
    Duration wait = backoff.initial();
    for (int i = 1; i < failedAttempts && wait.compareTo(backoff.max()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(backoff.max()) > 0 ? backoff.max() : wait;
  }

  /** When the URLs a request's Secret holds are due for renewal. */
  static Instant renewalTime(IssuedUrls issued, RequestPlan plan, String requestUid) {
    return renewalTime(issued.notBefore(), issued.notAfter(), plan.renewBefore(), requestUid, issued.revision());
  }
}

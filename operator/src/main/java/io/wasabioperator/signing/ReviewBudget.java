package io.wasabioperator.signing;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What this replica asks of the API server in reviews, in all: at most {@code perSecond} a second (bursts of as
 * many) and {@code inFlight} at once. Only reviews count: answers from the caches cost nothing. A review past
 * either limit is not asked; its caller gets "unavailable", as when the API server cannot be reached.
 */
public final class ReviewBudget {
  /** A review not asked: the budget is spent. Its message names no caller. */
  public static final class Spent extends RuntimeException {
    Spent() {
      super("the review budget is spent", null, false, false);
    }
  }

  private final RateLimiter<Boolean> rate;
  private final Semaphore inFlight;

  public ReviewBudget(double perSecond, int inFlight, Clock clock) {
    this.rate = new RateLimiter<>(perSecond, (int) Math.ceil(perSecond), 1, clock);
    this.inFlight = new Semaphore(inFlight);
  }

  /** The review's answer, or {@link Spent} when the budget does not allow it now. */
  public <T> T ask(Supplier<T> review) {
    if (!inFlight.tryAcquire()) {
      throw new Spent();
    }
    try {
      Optional<java.time.Duration> wait = rate.take(Boolean.TRUE);
      if (wait.isPresent()) {
        throw new Spent();
      }
      return review.get();
    } finally {
      inFlight.release();
    }
  }
}

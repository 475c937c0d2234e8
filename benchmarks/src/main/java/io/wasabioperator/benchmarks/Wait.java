package io.wasabioperator.benchmarks;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/** Polls until a condition holds; a benchmark that cannot finish says so instead of hanging. */
final class Wait {
  private Wait() {}

  static void until(String what, Duration limit, Duration every, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("gave up after " + limit.toSeconds() + "s waiting for " + what);
      }
      Thread.sleep(every.toMillis());
    }
  }

  /** Waits until {@code count} has not moved for {@code window}, so that late work is counted too. */
  static void quiet(Duration window, DoubleSupplier count) throws InterruptedException {
    double seen;
    do {
      seen = count.getAsDouble();
      Thread.sleep(window.toMillis());
    } while (seen != count.getAsDouble());
  }
}

package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.testsupport.MovableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReviewBudgetTest {
  @Test
  void noMoreThanTheLimitInFlightAtOnce() throws Exception {
    ReviewBudget budget = new ReviewBudget(100, 1, new MovableClock());
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> budget.ask(() -> {
      asked.countDown();
      try {
        answer.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "slow";
    }));
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> budget.ask(() -> "second")).isInstanceOf(ReviewBudget.Spent.class);

    answer.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
    assertThat(budget.ask(() -> "third")).as("room again").isEqualTo("third");
  }

  @Test
  void noMoreThanTheRateAndItRefills() {
    MovableClock clock = new MovableClock();
    ReviewBudget budget = new ReviewBudget(2, 64, clock);
    assertThat(budget.ask(() -> 1)).isEqualTo(1);
    assertThat(budget.ask(() -> 2)).isEqualTo(2);
    assertThatThrownBy(() -> budget.ask(() -> 3)).isInstanceOf(ReviewBudget.Spent.class);

    clock.moveBy(Duration.ofMillis(500));
    assertThat(budget.ask(() -> 4)).isEqualTo(4);
  }
}

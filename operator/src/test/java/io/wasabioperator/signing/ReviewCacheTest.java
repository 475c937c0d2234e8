package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.testsupport.MovableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReviewCacheTest {
  private final MovableClock clock = new MovableClock();
  private final AtomicInteger reviews = new AtomicInteger();
  /** Allowed answers kept 30 s, denials 10 s, as the signing API keeps SubjectAccessReviews. */
  private final ReviewCache<String, Boolean> cache = new ReviewCache<>(2, clock,
      allowed -> clock.instant().plus(allowed ? Duration.ofSeconds(30) : Duration.ofSeconds(10)));

  @Test
  void anAnswerIsUsedWithinItsTimeAndAskedAgainAfter() throws Exception {
    assertThat(ask("alice", true)).isTrue();
    clock.moveBy(Duration.ofSeconds(29));
    assertThat(ask("alice", false)).as("still the kept allow").isTrue();
    assertThat(reviews).hasValue(1);

    clock.moveBy(Duration.ofSeconds(2));
    assertThat(ask("alice", false)).as("expired: asked again").isFalse();
    assertThat(reviews).hasValue(2);
    clock.moveBy(Duration.ofSeconds(11));
    assertThat(ask("alice", true)).as("a denial is kept 10 s").isTrue();
  }

  @Test
  void identicalReviewsAskedAtOnceAreOneRequest() throws Exception {
    CompletableFuture<Boolean> slow = new CompletableFuture<>();
    CompletableFuture<Boolean> first = cache.get("bob", () -> {
      reviews.incrementAndGet();
      return slow;
    });
    CompletableFuture<Boolean> second = cache.get("bob", () -> {
      reviews.incrementAndGet();
      return CompletableFuture.completedFuture(false);
    });
    slow.complete(true);

    assertThat(first.get()).isTrue();
    assertThat(second.get()).isTrue();
    assertThat(reviews).hasValue(1);
  }

  @Test
  void aFailedReviewIsNotKeptAndAnExpiredAnswerIsNeverUsedInstead() throws Exception {
    ask("carol", true);
    clock.moveBy(Duration.ofSeconds(31));
    CompletableFuture<Boolean> down = cache.get("carol",
        () -> CompletableFuture.failedFuture(new IllegalStateException("the API server does not answer")));
    assertThatThrownBy(down::get).isInstanceOf(ExecutionException.class);

    assertThat(ask("carol", false)).as("asked again, not the old allow").isFalse();
  }

  @Test
  void isBounded() throws Exception {
    ask("a", true);
    ask("b", true);
    ask("c", true);

    assertThat(cache.size()).isEqualTo(2);
  }

  private boolean ask(String key, boolean answer) throws Exception {
    return cache.get(key, () -> {
      reviews.incrementAndGet();
      return CompletableFuture.completedFuture(answer);
    }).get();
  }
}

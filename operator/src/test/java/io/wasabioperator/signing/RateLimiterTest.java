package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void aBurstThenTheRateAndARetryAfterThatSaysWhen() {
    Instant start = Instant.parse("2026-12-07T10:00:00Z");
    MutableClock clock = new MutableClock(start);
    RateLimiter<String> limiter = new RateLimiter<>(50, 100, 1000, clock);

    for (int i = 0; i < 100; i++) {
      assertThat(limiter.take("alice")).as("call %d of the burst", i).isEmpty();
    }
    assertThat(limiter.take("alice")).hasValueSatisfying(wait ->
        assertThat(wait).isBetween(Duration.ofMillis(19), Duration.ofMillis(21)));
    assertThat(limiter.take("bob")).as("another caller has a bucket of its own").isEmpty();

    clock.now = start.plusSeconds(1);
    for (int i = 0; i < 50; i++) {
      assertThat(limiter.take("alice")).as("call %d of the next second", i).isEmpty();
    }
    assertThat(limiter.take("alice")).isPresent();
  }

  /** A clock that moves only when told, to the nanosecond. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}

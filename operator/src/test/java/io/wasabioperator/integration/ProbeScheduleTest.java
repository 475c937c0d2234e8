package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.config.RetryBackoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
  private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void failuresBackOffByDoublingUpToTheCap() {
    List<Duration> waits = new ArrayList<>();
    Instant now = T0;
    for (int attempt = 0; attempt < 8; attempt++) {
      Duration wait = ProbeSchedule.afterFailure(T0, now, BACKOFF, Duration.ofMinutes(10));
      waits.add(wait);
      now = now.plus(wait);
    }
    assertThat(waits).extracting(Duration::getSeconds).containsExactly(10L, 10L, 20L, 40L, 80L, 160L, 300L, 300L);
  }

  @Test
  void aClockSteppedBackWaitsTheLongestNotTheShortest() {
    Duration wait = ProbeSchedule.afterFailure(T0.plus(Duration.ofHours(2)), T0, BACKOFF, Duration.ofMinutes(10));
    assertThat(wait).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void backoffNeverExceedsTheProbeInterval() {
    Duration wait = ProbeSchedule.afterFailure(T0, T0.plus(Duration.ofHours(1)), BACKOFF, Duration.ofMinutes(1));
    assertThat(wait).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aFailedProbeIsRetriedByTheBackoffCountedFromThatProbeWhoeverAsks() {
    Instant lastProbe = T0.plus(Duration.ofSeconds(40));
    Instant due = ProbeSchedule.retryDueAt(T0, lastProbe, BACKOFF, Duration.ofMinutes(10));
    assertThat(due).isEqualTo(lastProbe.plus(Duration.ofSeconds(40)));
    assertThat(ProbeSchedule.retryDueAt(T0, T0, BACKOFF, Duration.ofMinutes(10))).isEqualTo(T0.plus(BACKOFF.initial()));
  }

  @Test
  void successWaitsTheIntervalPlusAtMostTenPercent() {
    Duration interval = Duration.ofMinutes(10);
    List<Duration> waits = IntStream.range(0, 200)
        .mapToObj(i -> ProbeSchedule.afterSuccess(interval, "uid-" + i)).toList();
    assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(interval, interval.plusSeconds(60)));
    assertThat(waits.stream().distinct().count()).as("resources spread out").isGreaterThan(100);
    assertThat(ProbeSchedule.afterSuccess(interval, "uid-1")).isEqualTo(ProbeSchedule.afterSuccess(interval, "uid-1"));
  }

  @Test
  void dueOnceTheIntervalHasPassed() {
    Duration interval = Duration.ofMinutes(10);
    assertThat(ProbeSchedule.isDue(T0, T0.plus(Duration.ofMinutes(9)), interval)).isFalse();
    assertThat(ProbeSchedule.isDue(T0, T0.plus(interval), interval)).isTrue();
  }
}

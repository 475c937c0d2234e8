package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.config.RetryBackoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void renewsRenewBeforeAheadOfExpiryMinusAtMostFivePercent() {
    Instant notAfter = CLOCK.instant().plus(Duration.ofHours(4));
    Duration renewBefore = Duration.ofMinutes(80);
    List<Instant> times = IntStream.range(0, 1000)
        .mapToObj(i -> RenewalSchedule.renewalTime(CLOCK.instant(), notAfter, renewBefore, "uid-" + i, 1)).toList();

    Instant latest = notAfter.minus(renewBefore);
    Instant earliest = latest.minus(Duration.ofMinutes(4));
    assertThat(times).allSatisfy(t -> assertThat(t).isBetween(earliest, latest));
    assertThat(times.stream().distinct().count()).as("requests created together spread out").isGreaterThan(900);
    long early = times.stream().filter(t -> t.isBefore(latest.minus(Duration.ofMinutes(2)))).count();
    assertThat(early).as("jitter covers the whole range").isBetween(300L, 700L);
  }

  @Test
  void sameRequestAndRevisionRenewAtTheSameTimeAfterARestart() {
    Instant notAfter = CLOCK.instant().plus(Duration.ofHours(4));
    Duration renewBefore = Duration.ofMinutes(80);
    assertThat(RenewalSchedule.renewalTime(CLOCK.instant(), notAfter, renewBefore, "uid", 7))
        .isEqualTo(RenewalSchedule.renewalTime(CLOCK.instant(), notAfter, renewBefore, "uid", 7));
  }

  @Test
  void shortRenewBeforeHasNoJitterBelowAMillisecond() {
    Instant notAfter = CLOCK.instant().plus(Duration.ofMinutes(1));
    assertThat(RenewalSchedule.jitter(Duration.ofMillis(10), Duration.ofMinutes(1), "uid", 1)).isEqualTo(Duration.ZERO);
    assertThat(RenewalSchedule.renewalTime(CLOCK.instant(), notAfter, Duration.ofSeconds(5), "uid", 1))
        .isBetween(notAfter.minusMillis(5250), notAfter.minusSeconds(5));
  }

  @Test
  void jitterNeverBringsRenewalBeforeHalfTheUrlsLifetime() {
    Instant signed = CLOCK.instant();
    Instant notAfter = signed.plus(Duration.ofMinutes(1));
    for (int i = 0; i < 1000; i++) {
      Instant renewal = RenewalSchedule.renewalTime(signed, notAfter, Duration.ofSeconds(57), "uid-" + i, 1);
      assertThat(renewal).isBetween(signed.plusMillis(1500), signed.plusSeconds(3));
    }
  }

  @Test
  void retriesDoubleUpToTheCap() {
    RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(n -> RenewalSchedule.retryAfter(n, backoff).getSeconds()))
        .containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    assertThat(RenewalSchedule.retryAfter(1000, backoff)).isEqualTo(Duration.ofMinutes(5));
  }
}

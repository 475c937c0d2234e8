package io.wasabioperator.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.PlatformGrantSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantDecisionTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @ParameterizedTest(name = "covered {0}, synced {1}, granted before {2}, uncovered {3}s ago -> {4} {5}")
  @CsvSource({
      "true,  true,  false, 0,  Granted,    0",
      "true,  false, false, 0,  Granted,    0",
      "false, false, true,  0,  Wait,       1",
      "false, true,  false, 0,  NotGranted, 0",
      "false, true,  false, 5,  NotGranted, 0",
      "false, true,  true,  0,  Wait,       30",
      "false, true,  true,  5,  Wait,       25",
      "false, true,  true,  30, NotGranted, 0"})
  void refusesOnlyOnFacts(boolean covered, boolean synced, boolean wasGranted, long secondsAgo, String expected,
      long waitSeconds) {
    Optional<Grant> grant = covered ? Optional.of(Grant.resource("g", new PlatformGrantSpec())) : Optional.empty();
    GrantDecision.Outcome outcome = GrantDecision.of(new GrantDecision.Inputs(grant, synced, wasGranted,
        NOW.minusSeconds(secondsAgo), NOW));

    assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
    if (outcome instanceof GrantDecision.Outcome.Wait wait) {
      assertThat(wait.delay()).isEqualTo(Duration.ofSeconds(waitSeconds));
    }
  }

  /** Each integration's grace runs from when it was first found uncovered: others' churn does not restart it. */
  @org.junit.jupiter.api.Test
  void theGraceIsPerIntegrationAndChurnDoesNotRestartIt() {
    GraceClock clock = new GraceClock();
    Instant first = clock.uncovered("a", NOW);
    // Other grants come and go; integration a is looked at again and again.
    assertThat(clock.uncovered("a", NOW.plusSeconds(10))).isEqualTo(first);
    assertThat(clock.uncovered("b", NOW.plusSeconds(20))).isEqualTo(NOW.plusSeconds(20));
    assertThat(GrantDecision.of(new GrantDecision.Inputs(Optional.empty(), true, true,
        clock.uncovered("a", NOW.plusSeconds(30)), NOW.plusSeconds(30)))).isInstanceOf(GrantDecision.Outcome.NotGranted.class);

    clock.settled("a");
    assertThat(clock.uncovered("a", NOW.plusSeconds(40))).as("a later gap has a grace of its own")
        .isEqualTo(NOW.plusSeconds(40));
    assertThat(clock.size()).isEqualTo(2);
    clock.uncovered("c", NOW.plusSeconds(200));
    assertThat(clock.size()).as("entries far past their grace are dropped").isEqualTo(1);
  }
}

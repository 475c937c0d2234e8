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

  @ParameterizedTest(name = "covered {0}, synced {1}, granted before {2}, withdrawal {3}s ago -> {4} {5}")
  @CsvSource(nullValues = "none", value = {
      "true,  true,  false, none, Granted,    0",
      "true,  false, false, none, Granted,    0",
      "false, false, true,  none, Wait,       1",
      "false, true,  false, none, NotGranted, 0",
      "false, true,  false, 5,    NotGranted, 0",
      "false, true,  true,  5,    Wait,       25",
      "false, true,  true,  30,   NotGranted, 0",
      "false, true,  true,  none, NotGranted, 0"})
  void refusesOnlyOnFacts(boolean covered, boolean synced, boolean wasGranted, Long secondsAgo, String expected,
      long waitSeconds) {
    Optional<Grant> grant = covered ? Optional.of(Grant.resource("g", new PlatformGrantSpec())) : Optional.empty();
    GrantDecision.Outcome outcome = GrantDecision.of(new GrantDecision.Inputs(grant, synced, wasGranted,
        Optional.ofNullable(secondsAgo).map(NOW::minusSeconds), NOW));

    assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
    if (outcome instanceof GrantDecision.Outcome.Wait wait) {
      assertThat(wait.delay()).isEqualTo(Duration.ofSeconds(waitSeconds));
    }
  }
}

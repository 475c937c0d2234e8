package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenewalDecisionTest {
  private static final Instant SIGNED = Instant.parse("2026-11-28T10:00:00Z");
  private static final Instant RENEWAL = SIGNED.plus(Duration.ofHours(2));
  private static final IssuedUrls CURRENT = new IssuedUrls(3, SIGNED, SIGNED.plus(Duration.ofHours(4)), 1, "spec",
      "integration", Optional.of("first"), true);

  @Test
  void nothingToDoBeforeRenewalTime() {
    assertThat(decide(Optional.of(CURRENT), "first", RENEWAL.minusSeconds(1))).isEmpty();
  }

  @Test
  void renewsAtRenewalTime() {
    assertThat(decide(Optional.of(CURRENT), "first", RENEWAL)).contains(SignedUrlReason.Renewing);
  }

  @Test
  void aNewRequestOrADeletedSecret() {
    assertThat(RenewalDecision.reason(Optional.empty(), false, "spec", "integration", null, SIGNED, RENEWAL))
        .contains(SignedUrlReason.SpecChanged);
    assertThat(RenewalDecision.reason(Optional.empty(), true, "spec", "integration", null, SIGNED, RENEWAL))
        .contains(SignedUrlReason.Renewing);
  }

  @Test
  void changesComeBeforeTheSchedule() {
    assertThat(RenewalDecision.reason(Optional.of(CURRENT), true, "other", "integration", "first", SIGNED, RENEWAL))
        .contains(SignedUrlReason.SpecChanged);
    assertThat(RenewalDecision.reason(Optional.of(CURRENT), true, "spec", "rotated", "first", SIGNED, RENEWAL))
        .contains(SignedUrlReason.IntegrationChanged);
  }

  @Test
  void manualRequestRenewsOncePerValue() {
    assertThat(decide(Optional.of(CURRENT), "second", SIGNED)).contains(SignedUrlReason.ManuallyTriggered);
    assertThat(decide(Optional.of(CURRENT), "first", SIGNED)).isEmpty();
    assertThat(decide(Optional.of(CURRENT), null, SIGNED)).as("removing the annotation asks for nothing").isEmpty();
  }

  @Test
  void anEditedSecretIsReissued() {
    IssuedUrls edited = new IssuedUrls(3, SIGNED, SIGNED.plus(Duration.ofHours(4)), 1, "spec", "integration",
        Optional.of("first"), false);
    assertThat(decide(Optional.of(edited), "first", SIGNED)).contains(SignedUrlReason.Renewing);
  }

  private static Optional<SignedUrlReason> decide(Optional<IssuedUrls> issued, String annotation, Instant now) {
    return RenewalDecision.reason(issued, true, "spec", "integration", annotation, now, RENEWAL);
  }
}

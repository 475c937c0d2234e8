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
    assertThat(RenewalDecision.reason(inputs(Optional.empty(), false, "spec", "integration", true, null, SIGNED)))
        .contains(SignedUrlReason.SpecChanged);
    assertThat(RenewalDecision.reason(inputs(Optional.empty(), true, "spec", "integration", true, null, SIGNED)))
        .contains(SignedUrlReason.Renewing);
  }

  @Test
  void changesComeBeforeTheSchedule() {
    assertThat(RenewalDecision.reason(inputs(Optional.of(CURRENT), true, "other", "integration", true, "first",
        SIGNED))).contains(SignedUrlReason.SpecChanged);
    assertThat(RenewalDecision.reason(inputs(Optional.of(CURRENT), true, "spec", "rotated", true, "first", SIGNED)))
        .contains(SignedUrlReason.IntegrationChanged);
  }

  @Test
  void aKeyPairTheIntegrationHasNotProbedWaitsUnlessTheUrlsAreDueAnyway() {
    assertThat(RenewalDecision.reason(inputs(Optional.of(CURRENT), true, "spec", "rotated", false, "first", SIGNED)))
        .isEmpty();
    assertThat(RenewalDecision.reason(inputs(Optional.of(CURRENT), true, "spec", "rotated", false, "first",
        RENEWAL))).contains(SignedUrlReason.IntegrationChanged);
    IssuedUrls edited = new IssuedUrls(3, SIGNED, SIGNED.plus(Duration.ofHours(4)), 1, "spec", "integration",
        Optional.of("first"), false);
    assertThat(RenewalDecision.reason(inputs(Optional.of(edited), true, "spec", "rotated", false, "first", SIGNED)))
        .as("URLs that no longer work are replaced at once").contains(SignedUrlReason.IntegrationChanged);
    assertThat(RenewalDecision.reason(inputs(Optional.of(CURRENT), true, "other", "rotated", false, "first",
        SIGNED))).as("a new spec is signed with the pair there is").contains(SignedUrlReason.SpecChanged);
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
    return RenewalDecision.reason(inputs(issued, true, "spec", "integration", true, annotation, now));
  }

  private static RenewalDecision.Inputs inputs(Optional<IssuedUrls> issued, boolean everIssued, String spec,
      String integration, boolean probed, String annotation, Instant now) {
    return new RenewalDecision.Inputs(issued, everIssued, spec, integration, probed, annotation, now, RENEWAL);
  }
}

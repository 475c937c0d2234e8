package io.wasabioperator.signing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wasabioperator.signing.tls.CertificateSchedule.Authority;
import io.wasabioperator.signing.tls.CertificateSchedule.Change;
import io.wasabioperator.signing.tls.CertificateSchedule.Lifetimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CA's whole rotation, step by step, with lifetimes in seconds as the tests of the server use them. */
class CertificateScheduleTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final Lifetimes SECONDS = new Lifetimes(Duration.ofSeconds(90), Duration.ofSeconds(9), 2.0 / 3);

  @Test
  void aRotationPublishesTheNewCaFirstSwitchesLeavesAfterALeafsLifeAndDropsTheOldOneAfterAnother() {
    List<Authority> bundle = new ArrayList<>();
    assertThat(CertificateSchedule.change(bundle, T0, SECONDS)).isEqualTo(Change.CREATE);
    bundle.add(new Authority(T0, T0.plusSeconds(90), T0));
    assertThat(CertificateSchedule.change(bundle, T0.plusSeconds(59), SECONDS)).isEqualTo(Change.NONE);

    // At two thirds of the first CA's life: a second one beside it.
    Instant added = T0.plusSeconds(60);
    assertThat(CertificateSchedule.change(bundle, added, SECONDS)).isEqualTo(Change.ADD);
    bundle.add(new Authority(added, added.plusSeconds(90), added));
    assertThat(CertificateSchedule.change(bundle, added.plusSeconds(1), SECONDS)).isEqualTo(Change.NONE);

    // Leaves come from the old CA until the new one has been published for a leaf's life.
    assertThat(CertificateSchedule.signer(bundle, added.plusSeconds(8), SECONDS)).isZero();
    assertThat(CertificateSchedule.signer(bundle, added.plusSeconds(9), SECONDS)).isEqualTo(1);

    // The old CA goes once no leaf it signed can still be valid.
    assertThat(CertificateSchedule.change(bundle, added.plusSeconds(17), SECONDS)).isEqualTo(Change.NONE);
    assertThat(CertificateSchedule.change(bundle, added.plusSeconds(18), SECONDS)).isEqualTo(Change.DROP_OLDEST);
    bundle.remove(0);
    assertThat(CertificateSchedule.signer(bundle, added.plusSeconds(18), SECONDS)).isZero();
  }

  @Test
  void anExpiredCaIsDroppedWhateverElse() {
    List<Authority> bundle = List.of(new Authority(T0, T0.plusSeconds(90), T0),
        new Authority(T0.plusSeconds(89), T0.plusSeconds(179), T0.plusSeconds(89)));

    assertThat(CertificateSchedule.change(bundle, T0.plusSeconds(90), SECONDS)).isEqualTo(Change.DROP_OLDEST);
  }

  @Test
  void servingCertificatesRenewAtTwoThirdsOfTheirLife() {
    assertThat(CertificateSchedule.renewal(T0, T0.plus(Duration.ofDays(1)), Lifetimes.DEFAULT))
        .isEqualTo(T0.plus(Duration.ofHours(16)));
  }

  @Test
  void aCaMustOutliveThreeLeaves() {
    assertThatThrownBy(() -> new Lifetimes(Duration.ofSeconds(20), Duration.ofSeconds(9), 2.0 / 3))
        .hasMessageContaining("three times");
  }
}

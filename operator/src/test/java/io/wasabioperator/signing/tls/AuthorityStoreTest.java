package io.wasabioperator.signing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.testsupport.MovableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CA Secret through the API: made once for every replica, rotated by the leader on the schedule. */
@AdmittedApiServer
class AuthorityStoreTest {
  private static final CertificateSchedule.Lifetimes LIFETIMES = CertificateSchedule.Lifetimes.DEFAULT;

  KubernetesClient client;
  private final MovableClock clock = new MovableClock();

  private AuthorityStore store() {
    return new AuthorityStore(client, "operator", "wasabi-operator-signing-ca", LIFETIMES, clock);
  }

  private static List<BigInteger> serials(AuthorityBundle bundle) {
    return bundle.certificates().stream().map(c -> c.getSerialNumber()).toList();
  }

  @Test
  void twoReplicasShareTheCaTheFirstOneMade() {
    AuthorityBundle first = store().current();
    AuthorityBundle second = store().current();

    assertThat(serials(first)).hasSize(1).isEqualTo(serials(second));
    assertThat(second.signer(clock.instant(), LIFETIMES).keys().getPrivate())
        .isEqualTo(first.signer(clock.instant(), LIFETIMES).keys().getPrivate());
    Secret stored = client.secrets().inNamespace("operator").withName("wasabi-operator-signing-ca").get();
    assertThat(stored.getData()).containsOnlyKeys("ca.crt", "ca.key", "published-at");
    assertThat(store().maintain()).as("nothing due").extracting(AuthorityStoreTest::serials)
        .isEqualTo(serials(first));
  }

  @Test
  void theLeaderAddsANewCaAtTwoThirdsSignsWithItAfterALeafLifeAndDropsTheOldAfterAnother() {
    AuthorityBundle made = store().current();
    BigInteger old = serials(made).get(0);
    Instant madeAt = clock.instant();

    // Two thirds of the CA's life from its publication (its notBefore is backdated, its renewal is not).
    clock.moveBy(Duration.between(madeAt, CertificateSchedule.renewal(madeAt, madeAt.plus(LIFETIMES.ca()), LIFETIMES))
        .minusSeconds(1));
    assertThat(serials(store().maintain())).as("not yet").hasSize(1);
    clock.moveBy(Duration.ofSeconds(2));
    AuthorityBundle overlap = store().maintain();
    assertThat(serials(overlap)).hasSize(2).startsWith(old);
    assertThat(serials(store().current())).as("written").isEqualTo(serials(overlap));
    assertThat(overlap.signer(clock.instant(), LIFETIMES).certificate().getSerialNumber())
        .as("not before clients have had a leaf's life to fetch the new bundle").isEqualTo(old);

    clock.moveBy(LIFETIMES.leaf());
    assertThat(store().maintain().signer(clock.instant(), LIFETIMES).certificate().getSerialNumber())
        .isEqualTo(serials(overlap).get(1));
    assertThat(serials(store().current())).hasSize(2);

    clock.moveBy(LIFETIMES.leaf());
    assertThat(serials(store().maintain())).containsExactly(serials(overlap).get(1));
    assertThat(serials(store().current())).containsExactly(serials(overlap).get(1));
  }

  @Test
  void keysAndCertificatesThatDoNotPairAreNoBundle() {
    CertificateSchedule.Lifetimes lifetimes = LIFETIMES;
    AuthorityBundle two = new AuthorityBundle(List.of()).apply(CertificateSchedule.Change.CREATE, clock.instant(),
        lifetimes, "CA 1").apply(CertificateSchedule.Change.ADD, clock.instant(), lifetimes, "CA 2");
    Map<String, String> data = new java.util.HashMap<>(two.data());
    assertThat(AuthorityBundle.read(data)).isPresent();

    AuthorityBundle swapped = new AuthorityBundle(List.of(
        new AuthorityBundle.Published(new CertificateMinter.Minted(two.authorities().get(1).authority().keys(),
            two.authorities().get(0).authority().certificate()), clock.instant()),
        two.authorities().get(1)));
    assertThat(AuthorityBundle.read(swapped.data())).as("a key that is not its certificate's").isEmpty();
  }

  @Test
  void aSecretThatHoldsNoBundleIsReportedWithoutItsContent() {
    client.resource(new SecretBuilder().withNewMetadata().withNamespace("operator")
        .withName("wasabi-operator-signing-ca").endMetadata()
        .withData(Map.of("ca.crt", "bm90IGEgY2VydGlmaWNhdGU=", "ca.key", "c2VjcmV0LWtleQ==",
            "published-at", "MjAyNi0xMi0wMVQwMDowMDowMFo=")).build()).create();

    assertThatThrownBy(() -> store().current()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("operator/wasabi-operator-signing-ca").hasMessageContaining("delete it")
        .hasMessageNotContaining("secret-key");
  }
}

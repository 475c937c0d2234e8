package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which changes to an integration wake its requests. */
class IntegrationChangeFilterTest {
  @Test
  void readyForTheNewSpecWakesRequestsThatWaitedForTheVerification() {
    WasabiStorageIntegration before = integration(2, "True", "Ready", 1);
    WasabiStorageIntegration verified = integration(2, "True", "Ready", 2);

    assertThat(RequestEventSources.matters(verified, before)).isTrue();
  }

  @Test
  void aNewSpecAndAChangedReadyWakeRequests() {
    assertThat(RequestEventSources.matters(integration(2, "True", "Ready", 1), integration(1, "True", "Ready", 1)))
        .isTrue();
    assertThat(RequestEventSources.matters(integration(1, "False", "AccessDenied", 1),
        integration(1, "True", "Ready", 1))).isTrue();
  }

  @Test
  void aReprobeThatChangesNothingButItsTimeWakesNoRequest() {
    WasabiStorageIntegration before = integration(1, "True", "Ready", 1);
    WasabiStorageIntegration reprobed = integration(1, "True", "Ready", 1);
    reprobed.getStatus().setLastProbeTime("2026-11-28T12:00:00Z");

    assertThat(RequestEventSources.matters(reprobed, before)).isFalse();
  }

  @Test
  void aProbeOfANewKeyPairWakesTheRequests() {
    WasabiStorageIntegration before = integration(1, "True", "Ready", 1);
    before.getStatus().setCredentialsFingerprint("0123456789abcdef");
    WasabiStorageIntegration probed = integration(1, "True", "Ready", 1);
    probed.getStatus().setCredentialsFingerprint("fedcba9876543210");

    assertThat(RequestEventSources.matters(probed, before)).isTrue();
  }

  @Test
  void itsDeletionWakesTheRequestsEvenWhileAFinalizerHoldsIt() {
    WasabiStorageIntegration before = integration(1, "True", "Ready", 1);
    WasabiStorageIntegration deleted = integration(1, "True", "Ready", 1);
    deleted.getMetadata().setDeletionTimestamp("2026-12-07T01:00:00Z");

    assertThat(RequestEventSources.matters(deleted, before)).isTrue();
  }

  private static WasabiStorageIntegration integration(long generation, String ready, String reason, long observed) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(generation).build());
    WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
    status.setConditions(List.of(new Condition(null, "message", observed, reason, ready, "Ready")));
    integration.setStatus(status);
    return integration;
  }
}

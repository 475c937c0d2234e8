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

    assertThat(SignedUrlRequestReconciler.matters(verified, before)).isTrue();
  }

  @Test
  void aNewSpecAndAChangedReadyWakeRequests() {
    assertThat(SignedUrlRequestReconciler.matters(integration(2, "True", "Ready", 1), integration(1, "True", "Ready", 1)))
        .isTrue();
    assertThat(SignedUrlRequestReconciler.matters(integration(1, "False", "AccessDenied", 1),
        integration(1, "True", "Ready", 1))).isTrue();
  }

  @Test
  void aReprobeThatChangesNothingButItsTimeWakesNoRequest() {
    WasabiStorageIntegration before = integration(1, "True", "Ready", 1);
    WasabiStorageIntegration reprobed = integration(1, "True", "Ready", 1);
    reprobed.getStatus().setLastProbeTime("2026-11-28T12:00:00Z");

    assertThat(SignedUrlRequestReconciler.matters(reprobed, before)).isFalse();
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

package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntegrationReadinessTest {
  @ParameterizedTest(name = "Validated={0} Ready={1}/{2} at generation {3} -> signs: {4}")
  @CsvSource({
      "True,True,Ready,2,true",
      "True,True,Ready,1,false",
      "True,False,EndpointUnreachable,2,true",
      "True,False,ProbeFailed,2,true",
      "True,False,AccessDenied,2,false",
      "True,False,NoSuchBucket,2,false",
      "True,False,InvalidCredentials,2,false",
      "True,False,EndpointNotAllowed,2,false",
      "True,False,ReadAccessUnverified,2,false",
      "False,False,InvalidBucketName,2,false",
      "True,False,EndpointUnreachable,1,false"})
  void signsWhenReadyOrOnlyTheStorageIsTemporarilyUnreachable(String validated, String ready, String reason,
      long observedGeneration, boolean signs) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(2L).build());
    WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
    status.setConditions(List.of(
        new Condition(null, "", observedGeneration, "x", validated, "Validated"),
        new Condition(null, "message", observedGeneration, reason, ready, "Ready")));
    integration.setStatus(status);
    assertThat(IntegrationReadiness.blocker(integration).isEmpty()).isEqualTo(signs);
  }

  @ParameterizedTest(name = "Ready at generation {0} of 2 -> being verified: {1}")
  @CsvSource({"1,true", "2,false"})
  void anIntegrationWhoseReadyIsAboutAnOlderSpecIsBeingVerified(long observedGeneration, boolean pending) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(2L).build());
    WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
    status.setConditions(List.of(new Condition(null, "message", observedGeneration, "AccessDenied", "False", "Ready")));
    integration.setStatus(status);
    assertThat(IntegrationReadiness.isPending(integration)).isEqualTo(pending);
  }

  @org.junit.jupiter.api.Test
  void anIntegrationWithoutStatusIsBeingVerified() {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(1L).build());
    assertThat(IntegrationReadiness.isPending(integration)).isTrue();
  }

  @ParameterizedTest(name = "fingerprint {0}, AccessVerified={1} -> verified: {2}")
  @CsvSource({
      "new, True,  true",
      "new, False, false",
      "old, True,  false"})
  void aKeyPairSignsOnlyOnceAProbeVerifiedIt(String fingerprint, String accessVerified, boolean verified) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(1L).build());
    WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
    status.setCredentialsFingerprint(fingerprint);
    status.setConditions(List.of(new Condition(null, "m", 1L, "x", accessVerified, "AccessVerified")));
    integration.setStatus(status);
    assertThat(IntegrationReadiness.hasVerified(integration, "new")).isEqualTo(verified);
  }
}

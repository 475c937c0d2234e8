package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.Validation;
import io.wasabioperator.signedurl.IntegrationVerdict;
import io.wasabioperator.signedurl.RequestGate;
import io.wasabioperator.signedurl.SignedUrlReason;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signing API's calls judged by the code that judges SignedUrlRequests. */
class CallIntentTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static IntegrationTarget target(AccessMode mode, String accessPrefix) {
    return new IntegrationTarget("bucket", "us-east-1", mode, URI.create("https://s3.us-east-1.wasabisys.com"),
        false, accessPrefix, Optional.empty(), false, "bucket", "arn:aws:iam::100000274636:user/darwin",
        Duration.ofMinutes(10), Optional.empty(), Optional.empty());
  }

  private static IntegrationVerdict.Verdict verdict(CallIntent intent, IntegrationTarget target, boolean granted) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(1L).build());
    WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
    status.setConditions(List.of(new Condition(null, "", 1L, "Valid", "True", "Validated"),
        new Condition(null, "verified", 1L, "Ready", "True", "Ready")));
    integration.setStatus(status);
    // A call waits for nothing: the quiet period ends now.
    return IntegrationVerdict.of(new IntegrationVerdict.Inputs(intent, "team", Optional.of(integration),
        Optional.of(new Validation.Valid(target)), NOW, NOW, Duration.ofSeconds(10), granted, Optional.empty()));
  }

  @ParameterizedTest(name = "{0} on a {1} integration, granted {2}: {3}")
  @CsvSource(nullValues = "none", value = {
      "GET, ReadOnly,  true,  none",
      "PUT, ReadWrite, true,  none",
      "PUT, ReadOnly,  true,  IntegrationReadOnly",
      "GET, ReadOnly,  false, PlatformIdentityNotGranted"})
  void theWholeCallIsDecidedAsARequestIs(HttpMethod method, AccessMode mode, boolean granted,
      SignedUrlReason expected) {
    IntegrationVerdict.Verdict verdict = verdict(new CallIntent("store", method), target(mode, ""), granted);

    Optional<SignedUrlReason> refused = verdict instanceof IntegrationVerdict.Verdict.Refused r
        ? Optional.of(r.reason()) : Optional.empty();
    assertThat(refused).isEqualTo(Optional.ofNullable(expected));
    if (expected == null) {
      assertThat(verdict).isInstanceOf(IntegrationVerdict.Verdict.Usable.class);
    }
  }

  @Test
  void eachKeyIsJudgedAloneAgainstTheGrantedFolder() {
    CallIntent intent = new CallIntent("store", HttpMethod.GET);
    IntegrationTarget scans = target(AccessMode.ReadOnly, "scans/");

    assertThat(intent.keyRefusal("scans/a.jpg", scans)).isEmpty();
    assertThat(intent.keyRefusal("scans/case.mrxs", scans)).as("signed as the file it is").isEmpty();
    assertThat(intent.keyRefusal("images/a.jpg", scans).map(RequestGate.Refusal::reason))
        .contains(SignedUrlReason.KeyOutsideAccessPrefix);
    assertThat(intent.keyRefusal("images/a.jpg", scans).orElseThrow().message())
        .contains("the key lies outside 'scans/'", "store");
    assertThat(intent.keyRefusal("scans/../other/a.jpg", scans).map(RequestGate.Refusal::reason))
        .as("cannot slip out of the folder").contains(SignedUrlReason.InvalidKey);
    assertThat(intent.keyRefusal("", scans).map(RequestGate.Refusal::reason)).contains(SignedUrlReason.InvalidKey);
    assertThat(intent.keyRefusal("scans/\u0000", scans).map(RequestGate.Refusal::reason))
        .contains(SignedUrlReason.InvalidKey);
  }
}

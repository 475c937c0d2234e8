package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.integration.CredentialsSecretKeys;
import io.wasabioperator.integration.IntegrationReason;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.Validation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntegrationVerdictTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final IntegrationTarget TARGET = new IntegrationTarget("bucket", "us-east-1", AccessMode.ReadOnly,
      URI.create("https://s3.us-east-1.wasabisys.com"), false, "", Optional.empty(), false, "bucket",
      "arn:aws:iam::100000274636:user/darwin", Duration.ofMinutes(10), Optional.empty(), Optional.empty());

  @ParameterizedTest(name = "{0}, Ready={1}/{2} at generation {3} of 2, spec valid {4}, {5}s quiet left, {6} -> {7}")
  @CsvSource(nullValues = "none", value = {
      "true,  True,  Ready,               2, true,  0,   GET, Usable",
      "false, none,  none,                0, true,  0,   GET, IntegrationNotFound",
      "true,  none,  none,                0, true,  30,  GET, Wait",
      "true,  True,  Ready,               1, true,  30,  GET, Wait",
      "true,  True,  Ready,               1, true,  0,   GET, IntegrationNotReady",
      "true,  False, AccessDenied,        2, true,  30,  GET, IntegrationNotReady",
      "true,  False, EndpointUnreachable, 2, true,  0,   GET, Usable",
      "true,  True,  Ready,               2, false, 0,   GET, IntegrationNotReady",
      "true,  True,  Ready,               2, true,  0,   PUT, IntegrationReadOnly"})
  void decidesFromTheIntegrationAlone(boolean exists, String ready, String reason, long observed, boolean valid,
      long quietSeconds, HttpMethod method, String expected) {
    RequestPlan plan = new RequestPlan("store", "images/a.jpg", method, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "url", Map.of(), Map.of(), false);
    Optional<WasabiStorageIntegration> integration = exists ? Optional.of(integration(ready, reason, observed))
        : Optional.empty();
    Validation validation = valid ? new Validation.Valid(TARGET)
        : new Validation.Invalid(IntegrationReason.InvalidBucketName, "bad");

    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(plan, "team",
        integration, integration.map(i -> validation), NOW.plusSeconds(quietSeconds), NOW, Duration.ofSeconds(10), true, Optional.empty()));

    String outcome = verdict instanceof IntegrationVerdict.Verdict.Refused refused ? refused.reason().name()
        : verdict.getClass().getSimpleName();
    assertThat(outcome).isEqualTo(expected);
    if (verdict instanceof IntegrationVerdict.Verdict.Wait wait) {
      assertThat(wait.delay()).as("never longer than the longest wait").isEqualTo(Duration.ofSeconds(10));
    }
    if (verdict instanceof IntegrationVerdict.Verdict.Refused refused) {
      assertThat(refused.message()).contains("store");
      assertThat(refused.retryable()).as("only the gate's refusals wait for a change")
          .isEqualTo(!"IntegrationReadOnly".equals(expected));
      assertThat(refused.revokes()).as("access has ended: withdraw what was issued")
          .isEqualTo(Set.of("IntegrationNotFound", "IntegrationReadOnly").contains(expected));
    }
  }

  @ParameterizedTest(name = "Ready=False {0}, own credentials {1} -> {2}, withdrawn {3}")
  @CsvSource({
      "PlatformIdentityNotGranted, false, PlatformIdentityNotGranted, true",
      "CredentialsSecretNotFound,  true,  CredentialsSecretNotFound,  true",
      "CredentialsSecretNotFound,  false, IntegrationNotReady,        false",
      "InvalidCredentials,         true,  IntegrationNotReady,        false",
      "NoSuchBucket,               false, IntegrationNotReady,        false"})
  void accessThatEndedWithdrawsTheUrls(String reason, boolean ownCredentials, String expected, boolean revokes) {
    RequestPlan plan = new RequestPlan("store", "images/a.jpg", HttpMethod.GET, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "url", Map.of(), Map.of(), false);
    IntegrationTarget target = ownCredentials ? new IntegrationTarget("bucket", "us-east-1", AccessMode.ReadOnly,
        URI.create("https://s3.us-east-1.wasabisys.com"), false, "", Optional.empty(), false, "bucket",
        "arn:aws:iam::100000274636:user/darwin", Duration.ofMinutes(10), Optional.empty(),
        Optional.of(new CredentialsSecretKeys("keys", "accessKeyId", "secretAccessKey"))) : TARGET;

    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(plan, "team",
        Optional.of(integration("False", reason, 2)), Optional.of(new Validation.Valid(target)), NOW, NOW,
        Duration.ofSeconds(10), true, Optional.empty()));

    assertThat(verdict).isInstanceOfSatisfying(IntegrationVerdict.Verdict.Refused.class, refused -> {
      assertThat(refused.reason().name()).isEqualTo(expected);
      assertThat(refused.revokes()).isEqualTo(revokes);
    });
  }

  @org.junit.jupiter.api.Test
  void whatTheSpecNoLongerGrantsIsWithdrawnBeforeTheIntegrationIsVerifiedAgain() {
    RequestPlan put = new RequestPlan("store", "images/a.jpg", HttpMethod.PUT, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "url", Map.of(), Map.of(), false);
    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(put, "team",
        Optional.of(integration("True", "Ready", 1)), Optional.of(new Validation.Valid(TARGET)), NOW.plusSeconds(30),
        NOW, Duration.ofSeconds(10), true, Optional.empty()));

    assertThat(verdict).isInstanceOfSatisfying(IntegrationVerdict.Verdict.Refused.class, refused -> {
      assertThat(refused.reason()).isEqualTo(SignedUrlReason.IntegrationReadOnly);
      assertThat(refused.revokes()).as("withdrawn at once").isTrue();
    });
  }

  /** A Ready status written before a grant went away (across a restart, say) signs nothing more. */
  @org.junit.jupiter.api.Test
  void aReadyIntegrationNoGrantCoversNowSignsNothingButWithdrawsNothingEither() {
    RequestPlan get = new RequestPlan("store", "images/a.jpg", HttpMethod.GET, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "url", Map.of(), Map.of(), false);
    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(get, "team",
        Optional.of(integration("True", "Ready", 2)), Optional.of(new Validation.Valid(TARGET)), NOW, NOW,
        Duration.ofSeconds(10), false, Optional.empty()));

    assertThat(verdict).isInstanceOfSatisfying(IntegrationVerdict.Verdict.Refused.class, refused -> {
      assertThat(refused.reason()).isEqualTo(SignedUrlReason.PlatformIdentityNotGranted);
      assertThat(refused.retryable()).isTrue();
      assertThat(refused.revokes()).as("the integration decides that, after the grace period").isFalse();
    });
  }

  /** Deleted and held by someone else's finalizer: gone, though its last status still says Ready. */
  @org.junit.jupiter.api.Test
  void aTerminatingIntegrationCountsAsGoneAndWithdrawsTheUrls() {
    RequestPlan get = new RequestPlan("store", "images/a.jpg", HttpMethod.GET, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "url", Map.of(), Map.of(), false);
    WasabiStorageIntegration terminating = integration("True", "Ready", 2);
    terminating.getMetadata().setDeletionTimestamp("2026-12-01T09:59:00Z");
    terminating.getMetadata().setFinalizers(List.of("backup.example.com/hold"));

    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(get, "team",
        Optional.of(terminating), Optional.of(new Validation.Valid(TARGET)), NOW, NOW, Duration.ofSeconds(10), true,
        Optional.empty()));

    assertThat(verdict).isInstanceOfSatisfying(IntegrationVerdict.Verdict.Refused.class, refused -> {
      assertThat(refused.reason()).isEqualTo(SignedUrlReason.IntegrationDeleting);
      assertThat(refused.revokes()).as("withdrawn at once").isTrue();
      assertThat(refused.message()).contains("store", "being deleted", "backup.example.com/hold");
    });
  }

  private static WasabiStorageIntegration integration(String ready, String reason, long observed) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withName("store").withGeneration(2L).build());
    if (ready != null) {
      WasabiStorageIntegrationStatus status = new WasabiStorageIntegrationStatus();
      status.setConditions(List.of(new Condition(null, "", observed, "Valid", "True", "Validated"),
          new Condition(null, "message", observed, reason, ready, "Ready")));
      integration.setStatus(status);
    }
    return integration;
  }
}

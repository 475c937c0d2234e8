package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Condition;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.integration.IntegrationConditions;
import io.wasabioperator.integration.IntegrationReason;
import io.wasabioperator.status.Conditions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an integration may sign URLs now. Signing needs no call to the storage, so a transient
 * storage fault (no answer, a 5xx) must not stop renewals: otherwise an outage shorter than
 * renewBefore could still let URLs expire. Anything else that keeps the integration from Ready, or a
 * status about an older spec, does stop them.
 */
final class IntegrationReadiness {
  static final Set<String> TRANSIENT_REASONS =
      Set.of(IntegrationReason.EndpointUnreachable.name(), IntegrationReason.ProbeFailed.name());

  private static final List<SignedUrlReason> REVOKING_REASONS =
      List.of(SignedUrlReason.PlatformIdentityNotGranted, SignedUrlReason.CredentialsSecretNotFound,
          SignedUrlReason.CredentialsSecretNotLabelled);

  /** Reasons about the integration's own credentials Secret: they revoke only what was signed with its pair. */
  static final Set<SignedUrlReason> OWN_CREDENTIALS_REASONS =
      Set.of(SignedUrlReason.CredentialsSecretNotFound, SignedUrlReason.CredentialsSecretNotLabelled);

  private IntegrationReadiness() {}

  /** Not verified yet: no Ready condition, or one about an older spec. */
  static boolean isPending(WasabiStorageIntegration integration) {
    List<Condition> conditions = integration.getStatus() == null ? null : integration.getStatus().getConditions();
    Optional<Condition> ready = Conditions.find(conditions, IntegrationConditions.READY);
    return ready.isEmpty() || !Objects.equals(ready.get().getObservedGeneration(), integration.getMetadata().getGeneration());
  }

  /**
   * Whether the integration's last probe verified the key pair with this fingerprint: a pair probed
   * during a storage outage is not verified, and must not replace URLs signed with one that was.
   */
  static boolean hasVerified(WasabiStorageIntegration integration, String credentialsFingerprint) {
    return integration.getStatus() != null
        && credentialsFingerprint.equals(integration.getStatus().getCredentialsFingerprint())
        && Conditions.find(integration.getStatus().getConditions(), IntegrationConditions.ACCESS_VERIFIED)
            .map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
  }

  /**
   * Whether the integration reports that access has ended, for the current spec: the platform identity
   * is no longer granted, or its credentials Secret is gone (a GET answered 404). The request's reason.
   */
  static Optional<SignedUrlReason> revocation(WasabiStorageIntegration integration) {
    List<Condition> conditions = integration.getStatus() == null ? null : integration.getStatus().getConditions();
    return Conditions.find(conditions, IntegrationConditions.READY)
        .filter(ready -> Conditions.FALSE.equals(ready.getStatus())
            && Objects.equals(ready.getObservedGeneration(), integration.getMetadata().getGeneration()))
        .flatMap(ready -> REVOKING_REASONS.stream().filter(reason -> reason.name().equals(ready.getReason())).findFirst());
  }

  /** Empty when signing may go ahead, otherwise the condition that stops it (or none yet). */
  static Optional<String> blocker(WasabiStorageIntegration integration) {
    List<Condition> conditions = integration.getStatus() == null ? null : integration.getStatus().getConditions();
    Long generation = integration.getMetadata().getGeneration();
    if (isPending(integration)) {
      return Optional.of("is not Ready yet");
    }
    Optional<Condition> ready = Conditions.find(conditions, IntegrationConditions.READY);
    if (Conditions.TRUE.equals(ready.get().getStatus())) {
      return Optional.empty();
    }
    boolean validated = Conditions.find(conditions, IntegrationConditions.VALIDATED)
        .map(c -> Conditions.TRUE.equals(c.getStatus()) && Objects.equals(c.getObservedGeneration(), generation))
        .orElse(false);
    if (validated && TRANSIENT_REASONS.contains(ready.get().getReason())) {
      return Optional.empty();
    }
    return Optional.of("is not Ready (" + ready.get().getReason() + "): " + ready.get().getMessage());
  }
}

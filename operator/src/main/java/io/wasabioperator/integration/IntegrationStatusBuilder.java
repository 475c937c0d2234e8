package io.wasabioperator.integration;

import static io.wasabioperator.integration.IntegrationConditions.ACCESS_VERIFIED;
import static io.wasabioperator.integration.IntegrationConditions.READY;
import static io.wasabioperator.integration.IntegrationConditions.VALIDATED;

import io.fabric8.kubernetes.api.model.Condition;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the next status from the previous one, keeping transition times of unchanged conditions. */
final class IntegrationStatusBuilder {
  /**
   * Why Ready may be False that passes without a person: an outage retried with backoff, a probe not yet
   * run, a credentials Secret that another controller (External Secrets, Sealed Secrets) writes shortly.
   */
  private static final Set<String> SETTLES_BY_ITSELF = Set.of(IntegrationReason.EndpointUnreachable.name(),
      IntegrationReason.ProbeFailed.name(), IntegrationReason.NotProbed.name(),
      IntegrationReason.CredentialsSecretNotFound.name());
  private final WasabiStorageIntegrationStatus previous;
  private final WasabiStorageIntegrationStatus next = new WasabiStorageIntegrationStatus();
  private final List<Condition> previousConditions;
  private final long generation;
  private final Instant now;

  IntegrationStatusBuilder(WasabiStorageIntegrationStatus previous, Long generation, Instant now) {
    this.previous = previous == null ? new WasabiStorageIntegrationStatus() : previous;
    this.previousConditions = this.previous.getConditions() == null ? List.of() : this.previous.getConditions();
    this.generation = generation == null ? 0 : generation;
    this.now = now;
    next.setObservedGeneration(this.generation);
    next.setConditions(new ArrayList<>());
    next.setLastProbeTime(this.previous.getLastProbeTime());
    next.setCredentialsFingerprint(this.previous.getCredentialsFingerprint());
  }

  IntegrationStatusBuilder effective(IntegrationTarget target, String connectionSecretName) {
    next.setStorageName(target.storageName());
    next.setEndpoint(target.endpoint().toString());
    next.setWriteLocation(target.writeLocation().orElse(null));
    next.setBucketPolicy(BucketPolicyRenderer.render(target));
    next.setConnectionSecretName(connectionSecretName);
    return this;
  }

  /** The spec (or a reference it makes) cannot work: nothing is probed until it changes. */
  IntegrationStatusBuilder invalid(IntegrationReason reason, String message) {
    set(VALIDATED, Conditions.FALSE, reason, message);
    set(ACCESS_VERIFIED, Conditions.UNKNOWN, IntegrationReason.NotProbed,
        "access is checked once the spec is valid; see the Validated condition");
    return this;
  }

  /** The grant that lets the integration use the platform identity. */
  IntegrationStatusBuilder grantedBy(String grant) {
    next.setPlatformGrant(grant);
    return this;
  }

  /** Whether access is verified, by a probe with the key pair of this fingerprint. */
  boolean isVerifiedWith(String credentialsFingerprint) {
    return credentialsFingerprint.equals(next.getCredentialsFingerprint())
        && Conditions.find(next.getConditions(), ACCESS_VERIFIED).map(c -> Conditions.TRUE.equals(c.getStatus()))
            .orElse(false);
  }

  IntegrationStatusBuilder valid(String credentialsSource) {
    set(VALIDATED, Conditions.TRUE, IntegrationReason.Valid, "spec is valid; credentials from " + credentialsSource);
    return this;
  }

  /** @param credentialsFingerprint of the key pair probed with, so a restart knows what was verified */
  IntegrationStatusBuilder probed(ProbeOutcome outcome, String credentialsFingerprint) {
    set(ACCESS_VERIFIED, outcome.status(), outcome.reason(), outcome.message());
    next.setPermissions(outcome.permissions());
    next.setLastProbeTime(Conditions.timestamp(now));
    next.setCredentialsFingerprint(credentialsFingerprint);
    return this;
  }

  /** Carries the last probe's findings over when no probe was due, with the generation they describe. */
  IntegrationStatusBuilder keepProbe() {
    Conditions.find(previousConditions, ACCESS_VERIFIED).ifPresent(next.getConditions()::add);
    next.setPermissions(previous.getPermissions());
    return this;
  }

  WasabiStorageIntegrationStatus build() {
    Condition validated = Conditions.find(next.getConditions(), VALIDATED).orElseThrow();
    Condition access = Conditions.find(next.getConditions(), ACCESS_VERIFIED).orElseThrow();
    if (!Conditions.TRUE.equals(validated.getStatus())) {
      set(READY, Conditions.FALSE, validated.getReason(), validated.getMessage());
    } else if (!Conditions.TRUE.equals(access.getStatus())) {
      set(READY, Conditions.FALSE, access.getReason(), access.getMessage());
    } else {
      set(READY, Conditions.TRUE, IntegrationReason.Ready.name(), "storage " + next.getStorageName()
          + " is connected; workloads can load Secret " + next.getConnectionSecretName() + " with envFrom");
    }
    Condition ready = Conditions.find(next.getConditions(), READY).orElseThrow();
    if (!Conditions.TRUE.equals(ready.getStatus()) && !SETTLES_BY_ITSELF.contains(ready.getReason())) {
      set(Conditions.STALLED, Conditions.TRUE, ready.getReason(), ready.getMessage());
    }
    return next;
  }

  private void set(String type, String status, IntegrationReason reason, String message) {
    set(type, status, reason.name(), message);
  }

  private void set(String type, String status, String reason, String message) {
    Conditions.set(next.getConditions(), previousConditions, type, status, reason, message, generation, now);
  }
}

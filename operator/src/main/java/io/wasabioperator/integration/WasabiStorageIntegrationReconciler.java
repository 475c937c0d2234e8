package io.wasabioperator.integration;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationStatus;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.grants.GraceClock;
import io.wasabioperator.grants.Grant;
import io.wasabioperator.grants.GrantDecision;
import io.wasabioperator.grants.GrantMatcher;
import io.wasabioperator.grants.GrantSubject;
import io.wasabioperator.grants.GrantUsage;
import io.wasabioperator.grants.PlatformGrants;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.secrets.OwnedFields;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SharedSecrets;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.status.EventRecorder;
import io.wasabioperator.status.StatusWriter;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.BucketClient;
import io.wasabioperator.storage.S3ClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a WasabiStorageIntegration: validate the spec, resolve the name claim and the
 * credentials, probe the bucket when due, publish the connection Secret, then report status.
 */
public class WasabiStorageIntegrationReconciler implements Reconciler<WasabiStorageIntegration> {
  private static final Logger log = LoggerFactory.getLogger(WasabiStorageIntegrationReconciler.class);

  private final OperatorConfig config;
  private final Clock clock;
  private final IntegrationValidator validator;
  private final CredentialsResolver credentialsResolver;
  private final SharedSecrets secrets;
  private final S3ClientFactory s3;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final PlatformGrants grants;
  private final GrantUsage grantUsage;
  private final GraceClock graceClock = new GraceClock();

  public WasabiStorageIntegrationReconciler(KubernetesClient client, OperatorConfig config, S3ClientFactory s3,
      Clock clock, OperatorMetrics metrics, SharedSecrets secrets, CredentialsResolver credentialsResolver,
      PlatformGrants grants, GrantUsage grantUsage) {
    this.grants = grants;
    this.grantUsage = grantUsage;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.s3 = s3;
    this.secrets = secrets;
    this.validator = new IntegrationValidator(config);
    this.credentialsResolver = credentialsResolver;
    this.events = new EventRecorder(client, clock);
  }

  @Override
  public List<EventSource<?, WasabiStorageIntegration>> prepareEventSources(
      EventSourceContext<WasabiStorageIntegration> context) {
    grantUsage.countFrom(() -> context.getPrimaryCache().list());
    metrics.integrationsNotReadyFrom(() -> context.getPrimaryCache().list().filter(i -> !isReady(i)).count());
    return IntegrationEventSources.prepare(context, secrets, config, grants);
  }

  @Override
  public UpdateControl<WasabiStorageIntegration> reconcile(WasabiStorageIntegration integration,
      Context<WasabiStorageIntegration> context) {
    if (config.seesAllIntegrations()) {
      // A shard, or a release watching some namespaces, sees part of the integrations: two counting each
      // their own part would overwrite each other.
      grantUsage.leading();
    }
    Instant now = clock.instant();
    WasabiStorageIntegrationStatus previous = integration.getStatus();
    var status = new IntegrationStatusBuilder(previous, integration.getMetadata().getGeneration(), now);

    Validation validation = validator.validate(integration);
    if (validation instanceof Validation.Invalid invalid) {
      removeKeyPair(integration);
      return finish(integration, context, status.invalid(invalid.reason(), invalid.message()), Optional.empty());
    }
    IntegrationTarget target = ((Validation.Valid) validation).target();
    String namespace = integration.getMetadata().getNamespace();
    String secretName = ConnectionSecret.name(integration);
    status.effective(target, secretName);

    // The claims informer's cache, not the primary one: it has already seen the deletion that woke us.
    var holder = StorageNameClaims.holderOtherThan(integration, target.storageName(),
        IntegrationEventSources.claims(context).list(namespace, other -> !other.isMarkedForDeletion()));
    if (holder.isPresent()) {
      return finish(integration, context, status.invalid(IntegrationReason.StorageNameConflict, "storage name '"
          + target.storageName() + "' is already used by integration " + holder.get().getMetadata().getName()
          + " in this namespace; set a different spec.storageName"), Optional.empty());
    }
    Optional<Secret> existing = secrets.owned().get(namespace, secretName)
        // Not the operator's (or its labels were taken off): ask the API before claiming the name.
        .or(() -> secrets.writer().read(namespace, secretName));
    if (existing.isPresent() && !Owners.isOwnedBy(existing.get(), integration)) {
      // Foreign Secrets are not watched: look again later.
      return finish(integration, context, status.invalid(IntegrationReason.ConnectionSecretConflict, "Secret " + secretName
          + " already exists and is not managed by this integration; the operator leaves it alone. Delete or "
          + "rename that Secret, or rename the integration"), Optional.of(config.probeRetry().max()));
    }
    // Without a platform identity there is nothing to grant: the credentials lookup says so.
    if (target.ownCredentials().isEmpty() && config.platformCredentials().isPresent()) {
      GrantDecision.Outcome grant = grantFor(integration, target, now);
      if (grant instanceof GrantDecision.Outcome.Wait wait) {
        return UpdateControl.<WasabiStorageIntegration>noUpdate().rescheduleAfter(wait.delay());
      }
      if (grant instanceof GrantDecision.Outcome.NotGranted) {
        removeKeyPair(integration);
        return finish(integration, context, status.invalid(IntegrationReason.PlatformIdentityNotGranted,
            GrantMatcher.refusal(subject(integration, target))), Optional.empty());
      }
      status.grantedBy(((GrantDecision.Outcome.Granted) grant).grant().source());
    }
    String uid = integration.getMetadata().getUid();
    boolean dueAnyway = isProbeDue(previous, integration.getMetadata().getGeneration(), target, now);
    // A probe reads the key pair from the API: a rotation of the platform Secret without the label is
    // noticed here. Otherwise the cached pair, and a probe only when it is not the one last verified.
    CredentialsLookup lookup = dueAnyway ? credentialsResolver.resolveFresh(target, namespace)
        : credentialsResolver.resolve(target, namespace);
    boolean probeDue = dueAnyway || lookup instanceof CredentialsLookup.Found found
        && !found.fingerprint(uid).equals(previous.getCredentialsFingerprint());
    if (lookup instanceof CredentialsLookup.Missing missing) {
      removeKeyPair(integration);
      // A labelled Secret's return is announced; an unlabelled one is looked for again later.
      return finish(integration, context, status.invalid(missing.reason(), missing.message()),
          Optional.of(config.probeRetry().max()));
    }
    CredentialsLookup.Found credentials = (CredentialsLookup.Found) lookup;
    status.valid(credentials.source());

    if (probeDue) {
      status.probed(probe(target, credentials), credentials.fingerprint(uid));
    } else {
      status.keepProbe();
    }
    ConnectionSecret.KeyPair keyPair = ConnectionSecret.keyPair(target, credentials,
        status.isVerifiedWith(credentials.fingerprint(uid)), existing);
    if (!writeConnectionSecret(integration, target, credentials, keyPair, existing)) {
      // Someone else wrote that Secret meanwhile: decide again from what is there now.
      return finish(integration, context, status.build(), Optional.of(Duration.ofSeconds(1)));
    }
    WasabiStorageIntegrationStatus next = status.build();
    return finish(integration, context, next, Optional.of(nextProbeIn(next, target, uid, now)));
  }

  /** Ready, for the generation the integration is at. */
  private static boolean isReady(WasabiStorageIntegration integration) {
    return Conditions.find(integration.getStatus() == null ? null : integration.getStatus().getConditions(),
            IntegrationConditions.READY)
        .map(ready -> Conditions.TRUE.equals(ready.getStatus())
            && Objects.equals(ready.getObservedGeneration(), integration.getMetadata().getGeneration()))
        .orElse(false);
  }

  private ProbeOutcome probe(IntegrationTarget target, CredentialsLookup.Found credentials) {
    BucketAddress address = new BucketAddress(target.endpoint(), target.region(), target.pathStyle(), target.bucket());
    try (BucketClient bucket = s3.open(address, credentials.credentials())) {
      ProbeOutcome outcome = new AccessProbe(target, credentials.source()).run(bucket);
      metrics.probed(outcome.reason().name());
      log.debug("Probe of s3://{} finished: {}", target.bucket(), outcome.reason());
      return outcome;
    }
  }

  /**
   * Whether access must be probed now, whatever the key pair: never verified, verified for another
   * generation, or due by the interval (after a failure, by the backoff). Read from status alone, so a
   * restarted operator probes only what is due.
   */
  private boolean isProbeDue(WasabiStorageIntegrationStatus previous, Long generation, IntegrationTarget target,
      Instant now) {
    if (previous == null || previous.getLastProbeTime() == null || previous.getCredentialsFingerprint() == null) {
      return true;
    }
    Optional<Condition> access = Conditions.find(previous.getConditions(), IntegrationConditions.ACCESS_VERIFIED);
    if (access.isEmpty() || !generation.equals(access.get().getObservedGeneration())
        || IntegrationReason.NotProbed.name().equals(access.get().getReason())) {
      return true;
    }
    Instant lastProbe = Instant.parse(previous.getLastProbeTime());
    if (Conditions.FALSE.equals(access.get().getStatus())) {
      return !now.isBefore(ProbeSchedule.retryDueAt(Instant.parse(access.get().getLastTransitionTime()), lastProbe,
          config.probeRetry(), target.probeInterval()));
    }
    return ProbeSchedule.isDue(lastProbe, now, target.probeInterval());
  }

  private Duration nextProbeIn(WasabiStorageIntegrationStatus status, IntegrationTarget target, String uid, Instant now) {
    Condition access = Conditions.find(status.getConditions(), IntegrationConditions.ACCESS_VERIFIED).orElseThrow();
    Instant lastProbe = Instant.parse(status.getLastProbeTime());
    Duration wait = Conditions.FALSE.equals(access.getStatus())
        ? Duration.between(now, ProbeSchedule.retryDueAt(Instant.parse(access.getLastTransitionTime()), lastProbe,
            config.probeRetry(), target.probeInterval()))
        : ProbeSchedule.afterSuccess(target.probeInterval(), uid).minus(Duration.between(lastProbe, now));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** False when the Secret changed or appeared meanwhile and nothing was written. */
  private boolean writeConnectionSecret(WasabiStorageIntegration integration, IntegrationTarget target,
      CredentialsLookup.Found credentials, ConnectionSecret.KeyPair keyPair, Optional<Secret> existing) {
    if (existing.isEmpty()) {
      return secrets.writer().create(ConnectionSecret.desired(integration, target, credentials, keyPair)).isPresent();
    }
    OwnedFields fields = ConnectionSecret.fields(integration, target, credentials, keyPair);
    return fields.heldBy(existing.get()) || secrets.writer().patch(existing.get(), fields).isPresent();
  }

  /**
   * When the spec or its credentials no longer hold, a key pair copied before must not stay with the
   * workloads. Best effort: a Secret that changed meanwhile is dealt with on the next reconcile.
   */
  private void removeKeyPair(WasabiStorageIntegration integration) {
    String namespace = integration.getMetadata().getNamespace();
    secrets.owned().get(namespace, ConnectionSecret.name(integration))
        .filter(secret -> Owners.isOwnedBy(secret, integration))
        .ifPresent(secret -> {
          OwnedFields without = ConnectionSecret.withoutKeyPair(integration);
          if (!without.heldBy(secret)) {
            secrets.writer().patch(secret, without);
          }
        });
  }

  private GrantDecision.Outcome grantFor(WasabiStorageIntegration integration, IntegrationTarget target,
      Instant now) {
    WasabiStorageIntegrationStatus previous = integration.getStatus();
    boolean wasGranted = previous != null && previous.getPlatformGrant() != null
        && Conditions.find(previous.getConditions(), IntegrationConditions.VALIDATED)
            .map(c -> Conditions.TRUE.equals(c.getStatus())
                && integration.getMetadata().getGeneration().equals(c.getObservedGeneration()))
            .orElse(false);
    GrantSubject subject = subject(integration, target);
    List<Grant> all = grants.all();
    // Where a grant selects namespaces by label, one the informer has not seen yet is looked at again
    // shortly, as before the first listing.
    boolean labelsKnown = subject.namespaceLabels().isPresent()
        || all.stream().noneMatch(grant -> grant.spec().getNamespaceSelector() != null);
    Optional<Grant> covering = GrantMatcher.covering(all, subject);
    boolean synced = grants.isSynced() && labelsKnown;
    String uid = integration.getMetadata().getUid();
    Instant uncoveredSince = covering.isEmpty() && synced && wasGranted ? graceClock.uncovered(uid, now) : now;
    GrantDecision.Outcome outcome = GrantDecision.of(new GrantDecision.Inputs(covering, synced, wasGranted,
        uncoveredSince, now));
    if (!(outcome instanceof GrantDecision.Outcome.Wait)) {
      graceClock.settled(uid);
    }
    return outcome;
  }

  private GrantSubject subject(WasabiStorageIntegration integration, IntegrationTarget target) {
    String namespace = integration.getMetadata().getNamespace();
    return target.grantSubject(namespace, grants.namespaceLabels(namespace));
  }

  private UpdateControl<WasabiStorageIntegration> finish(WasabiStorageIntegration integration,
      Context<WasabiStorageIntegration> context, IntegrationStatusBuilder status, Optional<Duration> recheck) {
    return finish(integration, context, status.build(), recheck);
  }

  private UpdateControl<WasabiStorageIntegration> finish(WasabiStorageIntegration integration,
      Context<WasabiStorageIntegration> context, WasabiStorageIntegrationStatus next, Optional<Duration> recheck) {
    if (!next.equals(integration.getStatus())) {
      WasabiStorageIntegrationStatus before = integration.getStatus();
      if (StatusWriter.write(integration, next, context).isEmpty()) {
        // Another replica wrote a newer status meanwhile: reconcile again from it.
        return UpdateControl.<WasabiStorageIntegration>noUpdate().rescheduleAfter(Duration.ofMillis(1));
      }
      reportReadyTransition(integration, before, next);
      if (config.seesAllIntegrations()
          && !Objects.equals(before == null ? null : before.getPlatformGrant(), next.getPlatformGrant())) {
        grantUsage.changed();
      }
    }
    UpdateControl<WasabiStorageIntegration> control = UpdateControl.noUpdate();
    recheck.ifPresent(delay -> control.rescheduleAfter(delay.isZero() ? Duration.ofMillis(1) : delay));
    return control;
  }

  /** Logs and records an Event when Ready changes status or reason, not on every re-probe. */
  private void reportReadyTransition(WasabiStorageIntegration integration, WasabiStorageIntegrationStatus before,
      WasabiStorageIntegrationStatus after) {
    Condition ready = Conditions.find(after.getConditions(), IntegrationConditions.READY).orElseThrow();
    Optional<Condition> old = before == null ? Optional.empty()
        : Conditions.find(before.getConditions(), IntegrationConditions.READY);
    if (old.isEmpty() || !old.get().getStatus().equals(ready.getStatus())
        || !old.get().getReason().equals(ready.getReason())) {
      log.info("Ready={} reason={}: {}", ready.getStatus(), ready.getReason(), ready.getMessage());
      if (Conditions.TRUE.equals(ready.getStatus())) {
        events.normal(integration, ready.getReason(), ready.getMessage());
      } else {
        events.warning(integration, ready.getReason(), ready.getMessage());
      }
    }
  }
}

package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.grants.PlatformGrants;
import io.wasabioperator.integration.CredentialsLookup;
import io.wasabioperator.integration.CredentialsResolver;
import io.wasabioperator.integration.Fingerprints;
import io.wasabioperator.integration.IntegrationReason;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.IntegrationValidator;
import io.wasabioperator.integration.Validation;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.signing.IntegrationLookup;
import io.wasabioperator.secrets.SharedSecrets;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.status.EventRecorder;
import io.wasabioperator.storage.S3ClientFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles a SignedUrlRequest: validate the spec, resolve the integration and its credentials,
 * decide from the Secret alone whether new URLs are due, sign them, write the Secret, report status.
 * The URLs are bearer credentials: they go to the Secret and nowhere else.
 */
public class SignedUrlRequestReconciler implements Reconciler<SignedUrlRequest> {
  private final OperatorConfig config;
  private final Clock clock;
  private final RequestReporter reporter;
  private final Issuance issuance;
  private final SignedUrlRequestValidator validator;
  private final IntegrationValidator integrationValidator;
  private final CredentialsResolver credentialsResolver;
  private final SharedSecrets secrets;
  private final OperatorMetrics metrics;
  private final PlatformGrants grants;
  private final UrlSecretWriter writer;
  /** The integrations informer, once the controller has made it: the signing API reads integrations from it. */
  private volatile InformerEventSource<WasabiStorageIntegration, SignedUrlRequest> integrations;

  public SignedUrlRequestReconciler(KubernetesClient client, OperatorConfig config, S3ClientFactory s3, Clock clock,
      OperatorMetrics metrics, SharedSecrets secrets, CredentialsResolver credentialsResolver, PlatformGrants grants) {
    this.grants = grants;
    this.secrets = secrets;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.validator = new SignedUrlRequestValidator(config.maxUrlDuration());
    this.integrationValidator = new IntegrationValidator(config);
    this.credentialsResolver = credentialsResolver;
    EventRecorder events = new EventRecorder(client, clock);
    this.writer = new UrlSecretWriter(secrets);
    this.reporter = new RequestReporter(config, events, writer);
    this.issuance = new Issuance(new UrlIssuer(s3), writer, reporter, events, metrics);
  }

  /** Reconcile on spec changes and on a new renew-requested-at value, not on the operator's own status writes. */
  public static boolean isRelevantUpdate(SignedUrlRequest updated, SignedUrlRequest old) {
    return RequestEventSources.isRelevantUpdate(updated, old);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<EventSource<?, SignedUrlRequest>> prepareEventSources(EventSourceContext<SignedUrlRequest> context) {
    List<EventSource<?, SignedUrlRequest>> sources = RequestEventSources.prepare(context, secrets, metrics,
        config.watchLabelSelector());
    sources.stream().filter(source -> source.resourceType() == WasabiStorageIntegration.class).findFirst()
        .ifPresent(source -> integrations = (InformerEventSource<WasabiStorageIntegration, SignedUrlRequest>) source);
    return sources;
  }

  /**
   * The integrations of this operator (or shard) as the requests' informer holds them, for the signing API: the
   * same view, so a call and a request see the same integrations, and no further watch.
   */
  public IntegrationLookup integrations() {
    return new IntegrationLookup() {
      @Override
      public Optional<WasabiStorageIntegration> find(String namespace, String name) {
        var informer = integrations;
        return informer == null ? Optional.empty() : informer.get(new ResourceID(name, namespace));
      }

      @Override
      public Set<String> namespaces() {
        var informer = integrations;
        return informer == null ? Set.of() : informer.list().map(i -> i.getMetadata().getNamespace())
            .collect(Collectors.toSet());
      }

      @Override
      public boolean synced() {
        var informer = integrations;
        return informer != null && informer.getStatus() == Status.HEALTHY;
      }
    };
  }

  @Override
  public UpdateControl<SignedUrlRequest> reconcile(SignedUrlRequest request, Context<SignedUrlRequest> context) {
    Instant now = clock.instant();
    String namespace = request.getMetadata().getNamespace();
    RequestValidation validation = validator.validate(request.getMetadata().getName(), request.getSpec());
    String secretName = validation instanceof RequestValidation.Valid valid ? valid.plan().secretName()
        : Optional.ofNullable(request.getSpec()).map(s -> s.getSecretName()).orElse(request.getMetadata().getName());

    if (!writer.removeFormer(request, secretName)) {
      return RequestReporter.secretChangedMeanwhile();
    }
    Optional<Secret> secret = secrets.owned().get(namespace, secretName);
    if (secret.isEmpty() && wasInConflict(request)) {
      // Foreign Secrets are not watched: ask whether the one in the way is still there.
      secret = secrets.writer().read(namespace, secretName);
    }
    Observed seen = new Observed(request, context, now, secretName, secret, secret.flatMap(UrlSecret::read),
        Optional.empty());
    if (secret.isPresent() && !Owners.isOwnedBy(secret.get(), request)) {
      return reporter.secretNameConflict(seen);
    }
    if (validation instanceof RequestValidation.Invalid invalid) {
      return reporter.blocked(seen, invalid.reason(), invalid.message());
    }
    RequestPlan plan = ((RequestValidation.Valid) validation).plan();
    Observed attempt = seen.withPlan(plan);

    Optional<WasabiStorageIntegration> found = RequestEventSources.integrations(context)
        .get(new ResourceID(plan.integrationName(), namespace));
    Instant quietUntil = attempt.issued().map(i -> RenewalSchedule.renewalTime(i, plan, request.getMetadata().getUid()))
        .orElseGet(() -> createdAt(request, now).plus(config.s3Timeouts().call().multipliedBy(3)));
    Optional<Validation> integrationSpec = found.map(i -> integrationValidator.validate(i.getSpec()));
    boolean granted = grants.allowSigning(integrationSpec, namespace, config.platformCredentials().isPresent());
    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(plan, namespace, found,
        integrationSpec, quietUntil, now, config.probeRetry().max(), granted, config.watchLabelSelector()));
    if (verdict instanceof IntegrationVerdict.Verdict.Wait wait) {
      return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(wait.delay());
    }
    if (verdict instanceof IntegrationVerdict.Verdict.Refused refused) {
      return refused.revokes() ? reporter.revoked(attempt, refused.reason(), refused.message())
          : refused.retryable() ? reporter.retry(attempt, refused.reason(), refused.message())
          : reporter.blocked(attempt, refused.reason(), refused.message());
    }
    WasabiStorageIntegration integration = found.orElseThrow();
    IntegrationTarget target = ((IntegrationVerdict.Verdict.Usable) verdict).target();
    CredentialsLookup lookup = credentialsResolver.resolve(target, namespace);
    if (lookup instanceof CredentialsLookup.Missing missing) {
      if (target.ownCredentials().isPresent() && missing.reason() == IntegrationReason.CredentialsSecretNotFound) {
        // Its owner deleted the Secret (a GET said 404): what was signed with it goes too.
        return reporter.revoked(attempt, SignedUrlReason.CredentialsSecretNotFound, missing.message());
      }
      if (target.ownCredentials().isPresent() && missing.reason() == IntegrationReason.CredentialsSecretNotLabelled) {
        // Its owner took the credentials label off: consent withdrawn, as if the Secret were deleted.
        return reporter.revoked(attempt, SignedUrlReason.CredentialsSecretNotLabelled, missing.message());
      }
      return reporter.retry(attempt, SignedUrlReason.IntegrationNotReady, "integration " + plan.integrationName()
          + " has no usable credentials: " + missing.message());
    }
    CredentialsLookup.Found credentials = (CredentialsLookup.Found) lookup;

    String specHash = Fingerprints.spec(request.getSpec());
    String keyPair = credentials.fingerprint(integration.getMetadata().getUid());
    String integrationHash = Fingerprints.signingTarget(target, keyPair);
    Instant renewalTime = attempt.issued().map(i -> RenewalSchedule.renewalTime(i, plan, request.getMetadata().getUid())).orElse(now);
    boolean everIssued = request.getStatus() != null && request.getStatus().getRevision() != null;
    Optional<SignedUrlReason> why = RenewalDecision.reason(new RenewalDecision.Inputs(attempt.issued(), everIssued,
        specHash, integrationHash, IntegrationReadiness.hasVerified(integration, keyPair),
        RequestEventSources.renewRequest(request), now, renewalTime));
    if (why.isEmpty()) {
      return reporter.upToDate(attempt, renewalTime);
    }
    return issuance.run(attempt, why.get(), target, credentials.credentials(), specHash, integrationHash);
  }

  private static Instant createdAt(SignedUrlRequest request, Instant now) {
    return Optional.ofNullable(request.getMetadata().getCreationTimestamp()).map(Instant::parse).orElse(now);
  }

  private static boolean wasInConflict(SignedUrlRequest request) {
    return Conditions.find(request.getStatus() == null ? null : request.getStatus().getConditions(),
        SignedUrlConditions.READY).map(c -> SignedUrlReason.SecretNameConflict.name().equals(c.getReason()))
        .orElse(false);
  }
}

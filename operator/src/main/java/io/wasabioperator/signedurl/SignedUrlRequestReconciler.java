package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.integration.CredentialsLookup;
import io.wasabioperator.integration.CredentialsResolver;
import io.wasabioperator.integration.Fingerprints;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.IntegrationValidator;
import io.wasabioperator.integration.Validation;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.secrets.SharedSecrets;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.status.EventRecorder;
import io.wasabioperator.status.StatusWriter;
import io.wasabioperator.storage.S3ClientFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a SignedUrlRequest: validate the spec, resolve the integration and its credentials,
 * decide from the Secret alone whether new URLs are due, sign them, write the Secret, report status.
 * The URLs are bearer credentials: they go to the Secret and nowhere else.
 */
public class SignedUrlRequestReconciler implements Reconciler<SignedUrlRequest> {
  private static final Logger log = LoggerFactory.getLogger(SignedUrlRequestReconciler.class);

  private final OperatorConfig config;
  private final Clock clock;
  private final UrlIssuer issuer;
  private final UrlSecretWriter writer;
  private final SignedUrlRequestValidator validator;
  private final IntegrationValidator integrationValidator;
  private final CredentialsResolver credentialsResolver;
  private final SharedSecrets secrets;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  public SignedUrlRequestReconciler(KubernetesClient client, OperatorConfig config, S3ClientFactory s3, Clock clock,
      OperatorMetrics metrics, SharedSecrets secrets, CredentialsResolver credentialsResolver) {
    this.secrets = secrets;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.issuer = new UrlIssuer(s3);
    this.writer = new UrlSecretWriter(secrets);
    this.validator = new SignedUrlRequestValidator(config.maxUrlDuration());
    this.integrationValidator = new IntegrationValidator(config);
    this.credentialsResolver = credentialsResolver;
    this.events = new EventRecorder(client, clock);
  }

  /** Reconcile on spec changes and on a new renew-requested-at value, not on the operator's own status writes. */
  public static boolean isRelevantUpdate(SignedUrlRequest updated, SignedUrlRequest old) {
    return RequestEventSources.isRelevantUpdate(updated, old);
  }

  @Override
  public List<EventSource<?, SignedUrlRequest>> prepareEventSources(EventSourceContext<SignedUrlRequest> context) {
    return RequestEventSources.prepare(context, secrets, metrics);
  }

  @Override
  public UpdateControl<SignedUrlRequest> reconcile(SignedUrlRequest request, Context<SignedUrlRequest> context) {
    Instant now = clock.instant();
    String namespace = request.getMetadata().getNamespace();
    RequestValidation validation = validator.validate(request.getMetadata().getName(), request.getSpec());
    String secretName = validation instanceof RequestValidation.Valid valid ? valid.plan().secretName()
        : Optional.ofNullable(request.getSpec()).map(s -> s.getSecretName()).orElse(request.getMetadata().getName());
    Attempt attempt = new Attempt(request, context, now, secretName);

    Optional<Secret> secret = secrets.owned().get(namespace, secretName);
    if (secret.isEmpty() && wasInConflict(request)) {
      // Foreign Secrets are not watched: ask whether the one in the way is still there.
      secret = secrets.writer().read(namespace, secretName);
    }
    if (secret.isPresent() && !Owners.isOwnedBy(secret.get(), request)) {
      return attempt.secretNameConflict();
    }
    attempt.secret = secret;
    attempt.issued = secret.flatMap(UrlSecret::read);
    if (validation instanceof RequestValidation.Invalid invalid) {
      return attempt.blocked(invalid.reason(), invalid.message());
    }
    RequestPlan plan = ((RequestValidation.Valid) validation).plan();
    attempt.plan = plan;

    WasabiStorageIntegration integration = RequestEventSources.integrations(context)
        .get(new ResourceID(plan.integrationName(), namespace)).orElse(null);
    if (integration == null) {
      return attempt.retry(SignedUrlReason.IntegrationNotFound, "WasabiStorageIntegration " + plan.integrationName()
          + " does not exist in namespace " + namespace + "; create it or fix spec.integrationRef.name");
    }
    Validation integrationValidation = integrationValidator.validate(integration.getSpec());
    Optional<Duration> quietWait = waitForVerification(integration, request, attempt, plan, now);
    if (quietWait.isPresent()) {
      return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(quietWait.get());
    }
    Optional<String> blocker = IntegrationReadiness.blocker(integration);
    if (!(integrationValidation instanceof Validation.Valid validIntegration) || blocker.isPresent()) {
      return attempt.retry(SignedUrlReason.IntegrationNotReady, "WasabiStorageIntegration " + plan.integrationName()
          + " " + blocker.orElse("is not valid"));
    }
    IntegrationTarget target = validIntegration.target();
    Optional<RequestGate.Refusal> refusal = RequestGate.check(plan, target);
    if (refusal.isPresent()) {
      return attempt.blocked(refusal.get().reason(), refusal.get().message());
    }
    CredentialsLookup lookup = credentialsResolver.resolve(target, namespace);
    if (lookup instanceof CredentialsLookup.Missing missing) {
      return attempt.retry(SignedUrlReason.IntegrationNotReady, "integration " + plan.integrationName()
          + " has no usable credentials: " + missing.message());
    }
    CredentialsLookup.Found credentials = (CredentialsLookup.Found) lookup;

    String specHash = Fingerprints.spec(request.getSpec());
    String keyPair = credentials.fingerprint(integration.getMetadata().getUid());
    String integrationHash = Fingerprints.signingTarget(target, keyPair);
    Instant renewalTime = attempt.issued.map(i -> renewalTime(i, plan, request)).orElse(now);
    boolean everIssued = request.getStatus() != null && request.getStatus().getRevision() != null;
    Optional<SignedUrlReason> why = RenewalDecision.reason(new RenewalDecision.Inputs(attempt.issued, everIssued,
        specHash, integrationHash, IntegrationReadiness.hasProbed(integration, keyPair),
        RequestEventSources.renewRequest(request), now, renewalTime));
    if (why.isEmpty()) {
      return attempt.upToDate(renewalTime);
    }
    return issue(attempt, why.get(), target, credentials, specHash, integrationHash);
  }

  /**
   * While the integration is being verified, its status change wakes the request: reporting
   * IntegrationNotReady meanwhile would cost every request of a new or edited integration two writes
   * and a Warning. Only while nothing is lost by it: URLs not yet due, or a new request younger than
   * a probe can take (three S3 calls at their longest), so that a verification that never ends is
   * still reported.
   */
  private Optional<Duration> waitForVerification(WasabiStorageIntegration integration, SignedUrlRequest request,
      Attempt attempt, RequestPlan plan, Instant now) {
    if (!IntegrationReadiness.isPending(integration)) {
      return Optional.empty();
    }
    Duration limit = config.probeRetry().max();
    Optional<Instant> renewal = attempt.issued.map(i -> renewalTime(i, plan, request));
    Instant until = renewal.orElseGet(() -> Optional.ofNullable(request.getMetadata().getCreationTimestamp())
        .map(Instant::parse).orElse(now).plus(config.s3Timeouts().call().multipliedBy(3)));
    if (!now.isBefore(until)) {
      return Optional.empty();
    }
    Duration wait = Duration.between(now, until);
    return Optional.of(wait.compareTo(limit) < 0 ? wait : limit);
  }

  private UpdateControl<SignedUrlRequest> issue(Attempt attempt, SignedUrlReason why, IntegrationTarget target,
      CredentialsLookup.Found credentials, String specHash, String integrationHash) {
    RequestPlan plan = attempt.plan;
    boolean wasReady = Conditions.find(Optional.ofNullable(attempt.request.getStatus())
        .map(SignedUrlRequestStatus::getConditions).orElse(null), SignedUrlConditions.READY)
        .map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
    // Progress is worth a write of its own only where the issuance waits on S3 (a slide's listing):
    // signing a single object is arithmetic, and the result follows at once.
    if (plan.miraxSlide() && !attempt.isRetry() && !attempt.markIssuing(why)) {
      return reconcileAgain();
    }
    long revision = Math.max(attempt.issued.map(IssuedUrls::revision).orElse(0L),
        Optional.ofNullable(attempt.request.getStatus()).map(SignedUrlRequestStatus::getRevision).orElse(0L)) + 1;
    UrlIssuer.Result result = issuer.issue(attempt.request, new UrlIssuer.Inputs(plan, target,
        credentials.credentials(), revision, specHash, integrationHash,
        Optional.ofNullable(RequestEventSources.renewRequest(attempt.request)), attempt.now));
    if (result instanceof UrlIssuer.Result.Refused refused) {
      return refused.retryable() ? attempt.retry(refused.reason(), refused.message())
          : attempt.blocked(refused.reason(), refused.message());
    }
    UrlIssuer.Result.Signed signed = (UrlIssuer.Result.Signed) result;
    switch (writer.write(attempt.request, attempt.secret, signed)) {
      case NAME_TAKEN:
        return attempt.secretNameConflict();
      case CHANGED_MEANWHILE:
        return secretChangedMeanwhile();
      default:
        break;
    }
    IssuedUrls issued = signed.issued();
    int objects = issued.objectCount();
    Instant notAfter = issued.notAfter();
    writer.removeFormer(attempt.request, plan.secretName());
    metrics.urlsIssued(why.name(), attempt.issued.isPresent() || revision > 1, objects);
    log.info("Issued revision {} ({}, {} object{}), valid until {}", revision, why, objects,
        objects == 1 ? "" : "s", Conditions.timestamp(notAfter));
    // One Event in a request's routine life, for its first URLs (and one when it recovers from a
    // failure): renewals, spec changes and new key pairs are counted by the log and the metrics.
    if (revision == 1 || !wasReady) {
      events.normal(attempt.request, SignedUrlReason.Issued.name(), "revision " + revision + " (" + why + "): "
          + objects + " URL" + (objects == 1 ? "" : "s") + " in Secret " + plan.secretName()
          + ", valid until " + Conditions.timestamp(notAfter));
    }
    attempt.issued = Optional.of(issued);
    return attempt.upToDate(renewalTime(issued, plan, attempt.request),
        Optional.of("revision " + revision + " signed: " + describe(why, revision == 1)));
  }

  /** Why new URLs are signed, in words for the Issuing condition. */
  private static String describe(SignedUrlReason why, boolean first) {
    return switch (why) {
      case SpecChanged -> first ? "the request's first URLs" : "the spec changed";
      case IntegrationChanged -> "the integration's endpoint, bucket, mode or key pair changed";
      case ManuallyTriggered -> "renewal was requested through " + SignedUrlRequest.RENEW_REQUESTED_AT;
      default -> "the URLs were due for renewal";
    };
  }

  /** The Secret changed, or went, meanwhile: decide again once the informer shows it, shortly. */
  private static UpdateControl<SignedUrlRequest> secretChangedMeanwhile() {
    return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
  }

  /** Another replica wrote a newer status meanwhile: decide again from it. */
  private static UpdateControl<SignedUrlRequest> reconcileAgain() {
    return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofMillis(1));
  }

  private static boolean wasInConflict(SignedUrlRequest request) {
    return Conditions.find(request.getStatus() == null ? null : request.getStatus().getConditions(),
        SignedUrlConditions.READY).map(c -> SignedUrlReason.SecretNameConflict.name().equals(c.getReason()))
        .orElse(false);
  }

  private static Instant renewalTime(IssuedUrls issued, RequestPlan plan, SignedUrlRequest request) {
    return RenewalSchedule.renewalTime(issued.notBefore(), issued.notAfter(), plan.renewBefore(),
        request.getMetadata().getUid(),
        issued.revision());
  }

  /** One reconcile's findings, and the ways it can end. */
  private final class Attempt {
    SignedUrlRequest request;
    final Context<SignedUrlRequest> context;
    final Instant now;
    final String secretName;
    Optional<Secret> secret = Optional.empty();
    Optional<IssuedUrls> issued = Optional.empty();
    RequestPlan plan;

    Attempt(SignedUrlRequest request, Context<SignedUrlRequest> context, Instant now, String secretName) {
      this.request = request;
      this.context = context;
      this.now = now;
      this.secretName = secretName;
    }

    /** The Secret holds current URLs: report them and come back at renewal time. */
    UpdateControl<SignedUrlRequest> upToDate(Instant renewalTime) {
      return upToDate(renewalTime, Optional.empty());
    }

    /** @param signed what was just signed and why, for the Issuing condition; empty when nothing was */
    UpdateControl<SignedUrlRequest> upToDate(Instant renewalTime, Optional<String> signed) {
      IssuedUrls urls = issued.orElseThrow();
      SignedUrlStatusBuilder status = status().urls(issued, Optional.of(renewalTime)).issued(signed, "Secret " + secretName
          + " holds a " + plan.method() + " URL for " + plan.key() + (urls.objectCount() > 1
              ? " and " + (urls.objectCount() - 1) + " companion files" : "")
          + ", valid until " + Conditions.timestamp(urls.notAfter()) + "; it is renewed at "
          + Conditions.timestamp(renewalTime));
      return finish(status.build(), Optional.of(Duration.between(now, renewalTime)));
    }

    /** A retry after a failure keeps showing that failure until it succeeds or fails differently. */
    boolean isRetry() {
      return Optional.ofNullable(request.getStatus()).map(SignedUrlRequestStatus::getFailedIssuanceAttempts)
          .orElse(0) > 0;
    }

    /**
     * Shows Issuing=True with why new URLs are being made, before making them. False when the status
     * moved on meanwhile: nothing may be issued from the stale one.
     */
    boolean markIssuing(SignedUrlReason why) {
      SignedUrlStatusBuilder status = status().urls(issued, Optional.empty());
      boolean valid = issued.map(urls -> urls.isValidAt(now)).orElse(false);
      status.issuing(why, "signing new URLs: " + describe(why, issued.isEmpty()), valid);
      Optional<SignedUrlRequest> written = StatusWriter.write(request, status.build(), context);
      written.ifPresent(r -> request = r);
      return written.isPresent();
    }

    /** Foreign Secrets are not watched: whether the name was freed is asked again after the longest retry interval. */
    UpdateControl<SignedUrlRequest> secretNameConflict() {
      return fail(SignedUrlReason.SecretNameConflict, "Secret " + secretName + " already exists and belongs to "
          + "someone else; the operator leaves it alone. Set spec.secretName to a free name, or delete that Secret",
          false, Optional.of(config.probeRetry().max()));
    }

    /** Cannot issue until the spec, the integration or a Secret changes; those changes wake the request. */
    UpdateControl<SignedUrlRequest> blocked(SignedUrlReason reason, String message) {
      return fail(reason, message, false);
    }

    /** Cannot issue now; may work later by itself: retry with backoff. */
    UpdateControl<SignedUrlRequest> retry(SignedUrlReason reason, String message) {
      return fail(reason, message, true);
    }

    private UpdateControl<SignedUrlRequest> fail(SignedUrlReason reason, String message, boolean retryable) {
      return fail(reason, message, retryable, Optional.empty());
    }

    private UpdateControl<SignedUrlRequest> fail(SignedUrlReason reason, String message, boolean retryable,
        Optional<Duration> lookAgain) {
      int previousAttempts = Optional.ofNullable(request.getStatus())
          .map(SignedUrlRequestStatus::getFailedIssuanceAttempts).orElse(0);
      int attempts = retryable ? previousAttempts + 1 : 0;
      Optional<Duration> recheck = retryable
          ? Optional.of(RenewalSchedule.retryAfter(attempts, config.probeRetry())) : lookAgain;
      SignedUrlStatusBuilder status = status();
      Optional<IssuedUrls> urls = issued;
      if (urls.isPresent() && !now.isBefore(urls.get().notAfter())) {
        if (urls.get().intact() && !writer.withdraw(secret.orElseThrow())) {
          return secretChangedMeanwhile();
        }
        String expiredAt = Conditions.timestamp(urls.get().notAfter());
        status.urls(Optional.of(withdrawnRecord(urls.get())), Optional.empty()).failed(SignedUrlReason.Expired,
            "the URLs expired at " + expiredAt + " and could not be renewed, so they were removed from Secret "
                + secretName + ": " + message, reason, message, attempts);
      } else if (urls.isPresent() && urls.get().intact()) {
        Duration untilExpiry = Duration.between(now, urls.get().notAfter());
        recheck = Optional.of(recheck.filter(r -> r.compareTo(untilExpiry) < 0).orElse(untilExpiry));
        status.urls(urls, Optional.empty());
        if (retryable) {
          status.renewalFailing(reason, message, Conditions.timestamp(urls.get().notAfter()), attempts);
        } else {
          status.failed(reason, message, reason, message, attempts);
        }
      } else {
        status.urls(urls, Optional.empty()).failed(reason, message, reason, message, attempts);
      }
      log.debug("Not issued: {}", reason);
      return finish(status.build(), recheck);
    }

    /** A Warning Event when Ready turns False or changes its reason, not on every retry. */
    private void warnOnFailure(SignedUrlRequestStatus before, SignedUrlRequestStatus after) {
      Optional<Condition> ready = Conditions.find(after.getConditions(), SignedUrlConditions.READY);
      Optional<Condition> old = Conditions.find(before == null ? null : before.getConditions(), SignedUrlConditions.READY);
      if (ready.isPresent() && Conditions.FALSE.equals(ready.get().getStatus())
          && (old.isEmpty() || !Objects.equals(old.get().getStatus(), ready.get().getStatus())
              || !Objects.equals(old.get().getReason(), ready.get().getReason()))) {
        events.warning(request, ready.get().getReason(), ready.get().getMessage());
      }
    }

    private IssuedUrls withdrawnRecord(IssuedUrls urls) {
      return new IssuedUrls(urls.revision(), urls.notBefore(), urls.notAfter(), urls.objectCount(), urls.specHash(),
          urls.integrationHash(), urls.renewRequest(), false);
    }

    private SignedUrlStatusBuilder status() {
      return new SignedUrlStatusBuilder(request.getStatus(), request.getMetadata().getGeneration(), now, secretName);
    }

    private UpdateControl<SignedUrlRequest> finish(SignedUrlRequestStatus next, Optional<Duration> recheck) {
      if (!next.equals(request.getStatus())) {
        SignedUrlRequestStatus before = request.getStatus();
        Optional<SignedUrlRequest> written = StatusWriter.write(request, next, context);
        if (written.isEmpty()) {
          return reconcileAgain();
        }
        request = written.get();
        warnOnFailure(before, next);
      }
      Duration max = config.maxRecheckInterval();
      Duration delay = recheck.filter(d -> d.compareTo(max) < 0).orElse(max);
      return UpdateControl.<SignedUrlRequest>noUpdate()
          .rescheduleAfter(delay.isNegative() || delay.isZero() ? Duration.ofMillis(1) : delay);
    }
  }
}

package io.wasabioperator.signedurl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.integration.CredentialsCache;
import io.wasabioperator.integration.CredentialsLookup;
import io.wasabioperator.integration.CredentialsResolver;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.IntegrationValidator;
import io.wasabioperator.integration.Validation;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.secrets.Digests;
import io.wasabioperator.secrets.ManagedSecretStore;
import io.wasabioperator.secrets.Owners;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.status.EventRecorder;
import io.wasabioperator.status.StatusWriter;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.BucketClient;
import io.wasabioperator.storage.S3ClientFactory;
import io.wasabioperator.storage.S3Result;
import io.wasabioperator.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a SignedUrlRequest: validate the spec, resolve the integration and its credentials,
 * decide from the Secret alone whether new URLs are due, sign them, write the Secret, report status.
 * The URLs are bearer credentials: they go to the Secret and nowhere else.
 */
public class SignedUrlRequestReconciler implements Reconciler<SignedUrlRequest> {
  static final String SECRETS = "url-secrets";
  static final String INTEGRATIONS = "integrations";
  static final int MAX_MIRAX_OBJECTS = 10_000;
  private static final String BY_INTEGRATION = "by-integration";
  private static final String BY_SECRET_NAME = "by-secret-name";
  private static final String BY_CREDENTIALS_SECRET = "by-credentials-secret";
  private static final String BY_REQUEST = "by-request";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(SignedUrlRequestReconciler.class);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final Clock clock;
  private final S3ClientFactory s3;
  private final UrlSigner signer = new UrlSigner();
  private final SignedUrlRequestValidator validator;
  private final IntegrationValidator integrationValidator;
  private final CredentialsCache credentialsCache;
  private final CredentialsResolver credentialsResolver;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  public SignedUrlRequestReconciler(KubernetesClient client, OperatorConfig config, S3ClientFactory s3, Clock clock,
      OperatorMetrics metrics) {
    this.client = client;
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.s3 = s3;
    this.validator = new SignedUrlRequestValidator(config.maxUrlDuration());
    this.integrationValidator = new IntegrationValidator(config);
    this.credentialsCache = new CredentialsCache(clock);
    this.credentialsResolver = new CredentialsResolver(client, config, credentialsCache);
    this.events = new EventRecorder(client, clock);
  }

  /** Reconcile on spec changes and on a new renew-requested-at value, not on the operator's own status writes. */
  public static boolean isRelevantUpdate(SignedUrlRequest updated, SignedUrlRequest old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(renewRequest(updated), renewRequest(old))
        || updated.isMarkedForDeletion();
  }

  @Override
  public List<EventSource<?, SignedUrlRequest>> prepareEventSources(EventSourceContext<SignedUrlRequest> context) {
    var requests = context.getPrimaryCache();
    metrics.earliestExpiryFrom(() -> requests.list()
        .map(SignedUrlRequest::getStatus)
        .filter(status -> status != null && status.getNotAfter() != null)
        .map(status -> Instant.parse(status.getNotAfter()))
        .min(Instant::compareTo));
    requests.addIndexer(BY_INTEGRATION, request -> request.getSpec() == null || request.getSpec().getIntegrationRef() == null
        ? List.of()
        : List.of(key(request.getMetadata().getNamespace(), request.getSpec().getIntegrationRef().getName())));
    requests.addIndexer(BY_SECRET_NAME, request -> List.of(key(request.getMetadata().getNamespace(),
        request.getSpec() != null && request.getSpec().getSecretName() != null
            ? request.getSpec().getSecretName() : request.getMetadata().getName())));

    var integrations = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(WasabiStorageIntegration.class, SignedUrlRequest.class)
            .withName(INTEGRATIONS)
            .withOnUpdateFilter(SignedUrlRequestReconciler::matters)
            .withSecondaryToPrimaryMapper(integration -> requestsOf(requests.byIndex(BY_INTEGRATION,
                key(integration.getMetadata().getNamespace(), integration.getMetadata().getName()))))
            .build(),
        context);
    integrations.addIndexers(Map.of(BY_CREDENTIALS_SECRET, integration -> {
      var spec = integration.getSpec();
      return spec == null || spec.getCredentialsSecretRef() == null ? List.of()
          : List.of(key(integration.getMetadata().getNamespace(), spec.getCredentialsSecretRef().getName()));
    }));

    var ownerMapper = Mappers.<Secret>fromOwnerReferences(SignedUrlRequest.class);
    var secrets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, SignedUrlRequest.class)
            .withName(SECRETS)
            .withItemStore(new ManagedSecretStore(UrlSecret.REQUEST_LABEL, credentialsCache::invalidate))
            .withSecondaryToPrimaryMapper(secret -> {
              String namespace = secret.getMetadata().getNamespace();
              String name = secret.getMetadata().getName();
              Set<ResourceID> ids = new HashSet<>(ownerMapper.toPrimaryResourceIDs(secret));
              // A Secret in the way of a request's secretName, freed or taken.
              ids.addAll(requestsOf(requests.byIndex(BY_SECRET_NAME, key(namespace, name))));
              // Rotated credentials: every request of every integration that uses them must be re-signed.
              var users = integrations.byIndex(BY_CREDENTIALS_SECRET, key(namespace, name)).stream();
              if (config.platformCredentials().map(p -> p.namespace().equals(namespace) && p.name().equals(name))
                  .orElse(false)) {
                users = integrations.list(i -> i.getSpec() != null && i.getSpec().getCredentialsSecretRef() == null);
              }
              users.forEach(integration -> ids.addAll(requestsOf(requests.byIndex(BY_INTEGRATION,
                  key(integration.getMetadata().getNamespace(), integration.getMetadata().getName())))));
              return ids;
            })
            .build(),
        context);
    secrets.addIndexers(Map.of(BY_REQUEST, secret -> Optional.ofNullable(secret.getMetadata().getLabels())
        .map(labels -> labels.get(UrlSecret.REQUEST_LABEL))
        .map(request -> List.of(key(secret.getMetadata().getNamespace(), request)))
        .orElse(List.of())));
    return List.of(integrations, secrets);
  }

  @Override
  public UpdateControl<SignedUrlRequest> reconcile(SignedUrlRequest request, Context<SignedUrlRequest> context) {
    Instant now = clock.instant();
    String namespace = request.getMetadata().getNamespace();
    RequestValidation validation = validator.validate(request.getMetadata().getName(), request.getSpec());
    String secretName = validation instanceof RequestValidation.Valid valid ? valid.plan().secretName()
        : Optional.ofNullable(request.getSpec()).map(s -> s.getSecretName()).orElse(request.getMetadata().getName());
    Attempt attempt = new Attempt(request, context, now, secretName);

    Optional<Secret> secret = secretsSource(context).get(new ResourceID(secretName, namespace));
    if (secret.isEmpty() && wasInConflict(request)) {
      // Foreign Secrets are not cached: ask whether the one in the way is still there.
      secret = Optional.ofNullable(client.secrets().inNamespace(namespace).withName(secretName).get());
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

    WasabiStorageIntegration integration = integrationsSource(context)
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
    if (plan.method() == HttpMethod.PUT && target.mode() == AccessMode.ReadOnly) {
      return attempt.blocked(SignedUrlReason.IntegrationReadOnly, "integration " + plan.integrationName()
          + " is ReadOnly, so uploads are not allowed; use method GET, or an integration in ReadWrite mode");
    }
    if (!plan.key().startsWith(target.accessPrefix())) {
      return attempt.blocked(SignedUrlReason.KeyOutsideAccessPrefix, "spec.key lies outside '" + target.accessPrefix()
          + "', the only folder integration " + plan.integrationName() + " is granted; use a key under it");
    }
    if (plan.miraxSlide() && !target.mirax()) {
      return attempt.blocked(SignedUrlReason.MiraxNotEnabled, "spec.key is a MIRAX slide, whose companion folder "
          + "must be listed; set mirax: true on integration " + plan.integrationName() + " (it needs s3:ListBucket)");
    }
    CredentialsLookup lookup = credentialsResolver.resolve(target, namespace);
    if (lookup instanceof CredentialsLookup.Missing missing) {
      return attempt.retry(SignedUrlReason.IntegrationNotReady, "integration " + plan.integrationName()
          + " has no usable credentials: " + missing.message());
    }
    CredentialsLookup.Found credentials = (CredentialsLookup.Found) lookup;

    String specHash = Digests.sha256(json(request.getSpec()));
    // No secret material: the Secret that holds this fingerprint is mounted by workloads.
    String integrationHash = Digests.sha256(target.endpoint().toString(), target.region(), target.bucket(),
        target.mode().name(), Boolean.toString(target.pathStyle()), credentials.credentials().accessKeyId(),
        credentials.version());
    Instant renewalTime = attempt.issued.map(i -> renewalTime(i, plan, request)).orElse(now);
    boolean everIssued = request.getStatus() != null && request.getStatus().getRevision() != null;
    Optional<SignedUrlReason> why = RenewalDecision.reason(attempt.issued, everIssued, specHash, integrationHash,
        renewRequest(request), now, renewalTime);
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
    if (!attempt.isRetry()) {
      attempt.markIssuing(why);
    }
    BucketAddress address = new BucketAddress(target.endpoint(), target.region(), target.pathStyle(), target.bucket());
    List<String> keys = List.of(plan.key());
    if (plan.miraxSlide()) {
      S3Result<List<String>> listed;
      try (BucketClient bucket = s3.open(address, credentials.credentials())) {
        listed = bucket.listKeys(plan.companionFolder(), MAX_MIRAX_OBJECTS);
      }
      if (listed instanceof S3Result.Failed<List<String>> failed) {
        return attempt.retry(SignedUrlReason.MiraxListFailed, "listing the companion folder s3://" + target.bucket()
            + "/" + plan.companionFolder() + " failed with " + failed.failure().errorCode()
            + "; check that the integration's policy grants s3:ListBucket");
      }
      List<String> companions = ((S3Result.Ok<List<String>>) listed).value();
      if (companions.isEmpty()) {
        return attempt.retry(SignedUrlReason.MiraxFolderEmpty, "the companion folder s3://" + target.bucket() + "/"
            + plan.companionFolder() + " of the slide holds no files; upload the slide's folder next to it");
      }
      if (companions.size() > MAX_MIRAX_OBJECTS) {
        return attempt.blocked(SignedUrlReason.TooManyObjects, "the companion folder holds more than "
            + MAX_MIRAX_OBJECTS + " objects; their URLs would not fit in one Secret (1 MiB)");
      }
      keys = new java.util.ArrayList<>(companions);
      keys.add(0, plan.key());
    }

    Instant notBefore = attempt.now.truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(plan.duration());
    SortedMap<String, String> urls = new TreeMap<>();
    for (String key : keys) {
      urls.put(key, signer.presign(address, credentials.credentials(), key, plan.method().name(), plan.contentType(),
          notBefore, plan.duration()).toString());
    }
    long revision = Math.max(attempt.issued.map(IssuedUrls::revision).orElse(0L),
        Optional.ofNullable(attempt.request.getStatus()).map(SignedUrlRequestStatus::getRevision).orElse(0L)) + 1;
    IssuedUrls issued = new IssuedUrls(revision, notBefore, notAfter, keys.size(), specHash, integrationHash,
        Optional.ofNullable(renewRequest(attempt.request)), true);
    Secret desired = UrlSecret.build(attempt.request, plan, issued, urls);
    if (UrlSecret.dataBytes(desired) > UrlSecret.MAX_DATA_BYTES) {
      return attempt.blocked(SignedUrlReason.TooManyObjects, "the slide has " + keys.size() + " objects; their URLs "
          + "need " + UrlSecret.dataBytes(desired) / 1024 + " KiB, more than a Secret holds (1 MiB)");
    }
    try {
      writeSecret(attempt, desired);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      if (attempt.secret.isPresent()) {
        // Someone changed the Secret meanwhile: start over from a fresh cache shortly.
        return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
      }
      Optional<UpdateControl<SignedUrlRequest>> notWritten = writeOverUncached(attempt, desired);
      if (notWritten.isPresent()) {
        return notWritten.get();
      }
    }
    removeFormerSecrets(attempt);
    metrics.urlsIssued(why.name(), attempt.issued.isPresent() || revision > 1, keys.size());
    log.info("Issued revision {} ({}, {} object{}), valid until {}", revision, why, keys.size(),
        keys.size() == 1 ? "" : "s", Conditions.timestamp(notAfter));
    // Routine renewals of thousands of requests would flood the Events; the log and the metric count them.
    if (why != SignedUrlReason.Renewing || !wasReady) {
      events.normal(attempt.request, SignedUrlReason.Issued.name(), "revision " + revision + " (" + why + "): "
          + keys.size() + " URL" + (keys.size() == 1 ? "" : "s") + " in Secret " + plan.secretName()
          + ", valid until " + Conditions.timestamp(notAfter));
    }
    attempt.issued = Optional.of(issued);
    return attempt.upToDate(renewalTime(issued, plan, attempt.request));
  }

  private void writeSecret(Attempt attempt, Secret desired) {
    var secrets = secretsSource(attempt.context);
    // The framework's annotation marks the write as ours, so that its watch event, which may come back
    // before the write's own answer, does not start a second reconcile.
    if (attempt.secret.isEmpty()) {
      Secret created = client.secrets().resource(secrets.addPreviousAnnotation(null, desired)).create();
      secrets.handleRecentResourceCreate(ResourceID.fromResource(created), created);
    } else {
      Secret existing = attempt.secret.get();
      Secret updated = client.secrets().resource(secrets.addPreviousAnnotation(
          existing.getMetadata().getResourceVersion(), UrlSecret.onto(existing, desired))).update();
      secrets.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, existing);
    }
  }

  /**
   * The Secret exists but is not cached: someone else's, or the request's own with its labels taken
   * off (only labelled Secrets are cached). The first is a conflict; the second is written whole, which
   * puts its labels back. Empty when the Secret now holds the new URLs.
   */
  private Optional<UpdateControl<SignedUrlRequest>> writeOverUncached(Attempt attempt, Secret desired) {
    Secret taken = client.secrets().inNamespace(desired.getMetadata().getNamespace())
        .withName(desired.getMetadata().getName()).get();
    if (taken != null && !Owners.isOwnedBy(taken, attempt.request)) {
      return Optional.of(attempt.secretNameConflict());
    }
    if (taken == null) {
      return Optional.of(UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofSeconds(1)));
    }
    attempt.secret = Optional.of(taken);
    try {
      writeSecret(attempt, desired);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      return Optional.of(UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofSeconds(1)));
    }
  }

  /** After spec.secretName changed, the Secret under the old name must not keep a URL. */
  private void removeFormerSecrets(Attempt attempt) {
    secretsSource(attempt.context).byIndex(BY_REQUEST, key(attempt.request.getMetadata().getNamespace(),
            attempt.request.getMetadata().getName())).stream()
        .filter(secret -> !secret.getMetadata().getName().equals(attempt.plan.secretName())
            && Owners.isOwnedBy(secret, attempt.request))
        .forEach(former -> {
          client.secrets().resource(former).delete();
          log.info("Deleted Secret {}, which held this request's URLs under its former name",
              former.getMetadata().getName());
        });
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

  private static String renewRequest(SignedUrlRequest request) {
    Map<String, String> annotations = request.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(SignedUrlRequest.RENEW_REQUESTED_AT);
  }

  /**
   * A new spec, or a Ready that changed, also only in the generation it speaks of: requests waiting
   * for an edited integration to be verified wake when it is.
   */
  static boolean matters(WasabiStorageIntegration updated, WasabiStorageIntegration old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(readiness(updated), readiness(old));
  }

  private static String readiness(WasabiStorageIntegration integration) {
    return Conditions.find(integration.getStatus() == null ? null : integration.getStatus().getConditions(), "Ready")
        .map(c -> c.getStatus() + "/" + c.getReason() + "/" + c.getObservedGeneration()).orElse("");
  }

  private static Set<ResourceID> requestsOf(List<SignedUrlRequest> requests) {
    return requests.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the spec always serialises", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<Secret, SignedUrlRequest> secretsSource(Context<SignedUrlRequest> context) {
    return (InformerEventSource<Secret, SignedUrlRequest>)
        context.eventSourceRetriever().getEventSourceFor(Secret.class, SECRETS);
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<WasabiStorageIntegration, SignedUrlRequest> integrationsSource(
      Context<SignedUrlRequest> context) {
    return (InformerEventSource<WasabiStorageIntegration, SignedUrlRequest>)
        context.eventSourceRetriever().getEventSourceFor(WasabiStorageIntegration.class, INTEGRATIONS);
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
      IssuedUrls urls = issued.orElseThrow();
      SignedUrlStatusBuilder status = status().urls(issued, Optional.of(renewalTime)).issued("Secret " + secretName
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

    /** Shows Issuing=True with why new URLs are being made, before making them. */
    void markIssuing(SignedUrlReason why) {
      SignedUrlStatusBuilder status = status().urls(issued, Optional.empty());
      boolean valid = issued.map(urls -> urls.isValidAt(now)).orElse(false);
      String message = switch (why) {
        case SpecChanged -> issued.isEmpty() ? "signing the first URLs" : "the spec changed: signing new URLs";
        case IntegrationChanged -> "the integration's endpoint, bucket, mode or credentials changed: signing new URLs";
        case ManuallyTriggered -> "renewal requested through " + SignedUrlRequest.RENEW_REQUESTED_AT;
        default -> "renewing the URLs before they expire";
      };
      status.issuing(why, message, valid);
      request = StatusWriter.write(request, status.build(), context);
    }

    UpdateControl<SignedUrlRequest> secretNameConflict() {
      return blocked(SignedUrlReason.SecretNameConflict, "Secret " + secretName + " already exists and belongs to "
          + "someone else; the operator leaves it alone. Set spec.secretName to a free name, or delete that Secret");
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
      int previousAttempts = Optional.ofNullable(request.getStatus())
          .map(SignedUrlRequestStatus::getFailedIssuanceAttempts).orElse(0);
      int attempts = retryable ? previousAttempts + 1 : 0;
      Optional<Duration> recheck = retryable
          ? Optional.of(RenewalSchedule.retryAfter(attempts, config.probeRetry())) : Optional.empty();
      SignedUrlStatusBuilder status = status();
      Optional<IssuedUrls> urls = issued;
      if (urls.isPresent() && !now.isBefore(urls.get().notAfter())) {
        if (urls.get().intact()) {
          withdraw();
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

    private void withdraw() {
      Secret current = secret.orElseThrow();
      Secret withdrawn = UrlSecret.withdrawn(current);
      Secret updated = client.secrets().resource(withdrawn).update();
      secretsSource(context).handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, current);
      log.info("URLs expired unrenewed; removed them from Secret {}", secretName);
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
        warnOnFailure(request.getStatus(), next);
        request = StatusWriter.write(request, next, context);
      }
      Duration max = config.maxRecheckInterval();
      Duration delay = recheck.filter(d -> d.compareTo(max) < 0).orElse(max);
      return UpdateControl.<SignedUrlRequest>noUpdate()
          .rescheduleAfter(delay.isNegative() || delay.isZero() ? Duration.ofMillis(1) : delay);
    }
  }
}

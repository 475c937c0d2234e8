package io.wasabioperator.signing;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.grants.PlatformGrants;
import io.wasabioperator.integration.CredentialsLookup;
import io.wasabioperator.integration.CredentialsResolver;
import io.wasabioperator.integration.IntegrationReason;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.IntegrationValidator;
import io.wasabioperator.integration.Validation;
import io.wasabioperator.signedurl.IntegrationVerdict;
import io.wasabioperator.signedurl.RequestGate;
import io.wasabioperator.signedurl.SignedUrlReason;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.UrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules of an authorized call, as a SignedUrlRequest meets them: the integration from the informer, the
 * same {@link IntegrationVerdict}, the key pair from where requests get it, then each key alone. One rule is the
 * API's own: the pair must be the one the integration's status verified, since a replica that does not lead
 * may hold an older one. Nothing is written anywhere.
 */
public final class CallSigner {
  /** How long a caller waits for an integration being verified, or for a key pair being verified. */
  static final Duration RETRY_WHILE_VERIFYING = Duration.ofSeconds(5);
  /** A key pair that does not match the status is read again at most this often per integration. */
  static final Duration FRESH_READ_INTERVAL = Duration.ofSeconds(5);
  private static final int MAX_REMEMBERED_READS = 10_000;
  /** Refusals of the whole call that the caller may not fix: its namespace's grants, or the mode. */
  private static final Set<SignedUrlReason> FORBIDDING = Set.of(SignedUrlReason.PlatformIdentityNotGranted,
      SignedUrlReason.IntegrationReadOnly);

  /** The call's URLs, in the order of its keys, or why none. */
  public sealed interface Outcome {
    record Signed(String storageName, List<SignedKey> keys) implements Outcome {
      public long signedCount() {
        return keys.stream().filter(key -> key.url().isPresent()).count();
      }
    }

    record Refused(CallRefusal refusal) implements Outcome {}
  }

  private final OperatorConfig config;
  private final IntegrationLookup integrations;
  private final IntegrationValidator validator;
  private final PlatformGrants grants;
  private final CredentialsResolver credentials;
  private final Clock clock;
  private final UrlSigner signer = new UrlSigner();
  private final Map<String, Instant> freshReads = new ConcurrentHashMap<>();

  public CallSigner(OperatorConfig config, IntegrationLookup integrations, PlatformGrants grants,
      CredentialsResolver credentials, Clock clock) {
    this.config = config;
    this.integrations = integrations;
    this.validator = new IntegrationValidator(config);
    this.grants = grants;
    this.credentials = credentials;
    this.clock = clock;
  }

  public Outcome sign(String namespace, String name, SigningCall call) {
    if (!integrations.synced()) {
      // Before the informer has listed, "not found" would be a guess.
      return refused(CallRefusal.retryAfter(503, "ServiceUnavailable", "the operator is still listing the "
          + "integrations; try again shortly", RETRY_WHILE_VERIFYING));
    }
    try {
      return judge(namespace, name, call);
    } catch (KubernetesClientException e) {
      // Reading the key pair failed: the API server cannot be asked now.
      return refused(CallRefusal.retryAfter(503, "ServiceUnavailable", "the API server could not be asked about "
          + "this call now; try again shortly", Duration.ofSeconds(1)));
    }
  }

  private Outcome judge(String namespace, String name, SigningCall call) {
    Instant now = clock.instant();
    CallIntent intent = new CallIntent(name, call.method());
    Optional<WasabiStorageIntegration> found = integrations.find(namespace, name);
    Optional<Validation> spec = found.map(integration -> validator.validate(integration.getSpec()));
    boolean granted = grants.allowSigning(spec, namespace, config.platformCredentials().isPresent());
    IntegrationVerdict.Verdict verdict = IntegrationVerdict.of(new IntegrationVerdict.Inputs(intent, namespace, found,
        spec, now.plus(RETRY_WHILE_VERIFYING), now, RETRY_WHILE_VERIFYING, granted, config.watchLabelSelector()));
    if (verdict instanceof IntegrationVerdict.Verdict.Wait wait) {
      return refused(CallRefusal.retryAfter(503, SignedUrlReason.IntegrationNotReady.name(),
          "WasabiStorageIntegration " + name + " is being verified; try again shortly", wait.delay()));
    }
    if (verdict instanceof IntegrationVerdict.Verdict.Refused no) {
      int status = no.reason() == SignedUrlReason.IntegrationNotFound ? 404
          : FORBIDDING.contains(no.reason()) ? 403 : 409;
      return refused(CallRefusal.of(status, no.reason().name(), no.message()));
    }
    WasabiStorageIntegration integration = found.orElseThrow();
    IntegrationTarget target = ((IntegrationVerdict.Verdict.Usable) verdict).target();
    CredentialsLookup lookup = verifiedKeyPair(integration, target, namespace, now);
    if (lookup instanceof CredentialsLookup.Missing missing) {
      return refused(missingCredentials(name, target, missing));
    }
    if (lookup == null) {
      return refused(CallRefusal.retryAfter(503, SignedUrlReason.IntegrationNotReady.name(), "the key pair of "
          + "WasabiStorageIntegration " + name + " changed and is being verified; try again shortly",
          RETRY_WHILE_VERIFYING));
    }
    return new Outcome.Signed(target.storageName(), signEach(intent, call, target,
        (CredentialsLookup.Found) lookup, now));
  }

  /**
   * The key pair the integration's status names; null when the pair read differs from it even when read again
   * (the leader has not probed the new one yet). Only the fingerprint is compared: whether the integration is
   * usable is the verdict's to say, so a storage outage signs on, as requests do. A pair that matches costs no
   * API request.
   */
  private CredentialsLookup verifiedKeyPair(WasabiStorageIntegration integration, IntegrationTarget target,
      String namespace, Instant now) {
    String uid = integration.getMetadata().getUid();
    CredentialsLookup lookup = credentials.resolve(target, namespace);
    if (!(lookup instanceof CredentialsLookup.Found found) || isStatusPair(integration, found.fingerprint(uid))) {
      return lookup;
    }
    // This replica may hold a pair read before a rotation: read it again, though not at the rate of calls, and
    // once per Secret however many integrations use it.
    String secret = target.ownCredentials().map(own -> namespace + "/" + own.secretName()).orElse("platform");
    Instant last = freshReads.get(secret);
    if (last != null && now.isBefore(last.plus(FRESH_READ_INTERVAL))) {
      return null;
    }
    if (freshReads.size() >= MAX_REMEMBERED_READS) {
      freshReads.clear();
    }
    freshReads.put(secret, now);
    lookup = credentials.resolveFresh(target, namespace);
    if (!(lookup instanceof CredentialsLookup.Found fresh) || isStatusPair(integration, fresh.fingerprint(uid))) {
      return lookup;
    }
    return null;
  }

  private static boolean isStatusPair(WasabiStorageIntegration integration, String fingerprint) {
    return integration.getStatus() != null && fingerprint.equals(integration.getStatus().getCredentialsFingerprint());
  }

  private static CallRefusal missingCredentials(String name, IntegrationTarget target,
      CredentialsLookup.Missing missing) {
    if (target.ownCredentials().isPresent() && (missing.reason() == IntegrationReason.CredentialsSecretNotFound
        || missing.reason() == IntegrationReason.CredentialsSecretNotLabelled)) {
      return CallRefusal.of(409, missing.reason().name(), missing.message());
    }
    return CallRefusal.of(409, SignedUrlReason.IntegrationNotReady.name(), "WasabiStorageIntegration " + name
        + " has no usable credentials: " + missing.message());
  }

  private List<SignedKey> signEach(CallIntent intent, SigningCall call, IntegrationTarget target,
      CredentialsLookup.Found pair, Instant now) {
    BucketAddress address = new BucketAddress(target.endpoint(), target.region(), target.pathStyle(), target.bucket());
    // SigV4 dates are in whole seconds: the expiry given is the one the storage enforces.
    Instant signedAt = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = signedAt.plus(call.duration());
    List<SignedKey> answers = new ArrayList<>(call.keys().size());
    for (String key : call.keys()) {
      Optional<RequestGate.Refusal> refusal = intent.keyRefusal(key, target);
      answers.add(refusal.isPresent() ? SignedKey.refused(key, refusal.get().reason(), refusal.get().message())
          : SignedKey.signed(key, signer.presign(address, pair.credentials(), key, call.method().name(),
              call.contentType(), signedAt, call.duration()).toString(), expiresAt));
    }
    return answers;
  }

  private static Outcome refused(CallRefusal refusal) {
    return new Outcome.Refused(refusal);
  }
}

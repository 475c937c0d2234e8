package io.wasabioperator.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wasabioperator.api.ApiGroup;
import io.wasabioperator.observability.SigningMetrics;
import io.wasabioperator.signing.http.Answer;
import io.wasabioperator.signing.http.CallHandler;
import io.wasabioperator.signing.http.Head;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing API, in the order that leaks nothing: authenticate from the head (the body unread), limit the
 * caller, read and parse the body, authorize with names alone, and only then look the integration up, so a
 * caller who may not sign with an integration never learns whether it exists.
 */
public final class SigningApi implements CallHandler<SigningApi.Admitted> {
  private static final Logger LOG = LoggerFactory.getLogger(SigningApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGNED = "Signed";

  /** What the head proved, which integration it names, and when it arrived. */
  public record Admitted(Caller caller, CallPath path, long arrivedNanos) {}

  /**
   * @param perCaller calls a second per authenticated identity, then 429
   * @param badTokensPerSource calls a second with a token that fails, per source address; past it a source's
   *     tokens are checked against the cache only, so a good token already reviewed is never held by it
   */
  public record Limits(RateLimiter<String> perCaller, RateLimiter<InetAddress> badTokensPerSource,
      Duration maxUrlDuration) {}

  private final CallerAuthentication authentication;
  private final CallAuthorization authorization;
  private final CallSigner signer;
  private final Limits limits;
  private final SigningMetrics metrics;

  public SigningApi(CallerAuthentication authentication, CallAuthorization authorization, CallSigner signer,
      Limits limits, SigningMetrics metrics) {
    this.authentication = authentication;
    this.authorization = authorization;
    this.signer = signer;
    this.limits = limits;
    this.metrics = metrics;
    metrics.reviewCache("token", authentication, CallerAuthentication::cacheHits, CallerAuthentication::cacheMisses);
    metrics.reviewCache("access", authorization, CallAuthorization::cacheHits, CallAuthorization::cacheMisses);
  }

  @Override
  public Admission<Admitted> admit(Head head) {
    long arrived = System.nanoTime();
    Optional<CallPath> path = CallPath.parse(head.path());
    if (path.isEmpty()) {
      return refuse(head, Optional.empty(), arrived, CallRefusal.of(404, "NotFound", "the signing API's one path is "
          + "POST /v1alpha1/namespaces/{namespace}/wasabistorageintegrations/{name}/urls"));
    }
    if (!head.method().equals("POST")) {
      return new Admission.Refused<>(answer(head, Optional.empty(), arrived, CallRefusal.of(405, "MethodNotAllowed",
          "send the call with POST")).withHeader("Allow", "POST"));
    }
    CallerAuthentication.Outcome outcome = authentication.authenticate(head.authorization(),
        () -> limits.badTokensPerSource().peek(head.source()).isEmpty());
    if (outcome instanceof CallerAuthentication.Outcome.Limited) {
      metrics.rateLimited("source");
      return refuse(head, Optional.empty(), arrived, CallRefusal.retryAfter(429, "TooManyRequests", "too many calls "
          + "with tokens that failed came from this address; try again later",
          limits.badTokensPerSource().peek(head.source()).orElse(Duration.ofSeconds(1))));
    }
    if (outcome instanceof CallerAuthentication.Outcome.NotAuthenticated refused) {
      limits.badTokensPerSource().take(head.source());
      return new Admission.Refused<>(answer(head, Optional.empty(), arrived, CallRefusal.of(401, "Unauthorized",
          refused.message())).withHeader("WWW-Authenticate", "Bearer"));
    }
    if (outcome instanceof CallerAuthentication.Outcome.Unavailable) {
      return refuse(head, Optional.empty(), arrived, unavailable());
    }
    Caller caller = ((CallerAuthentication.Outcome.Authenticated) outcome).caller();
    Optional<Duration> wait = limits.perCaller().take(caller.uid().isEmpty() ? caller.user() : caller.uid());
    if (wait.isPresent()) {
      metrics.rateLimited("caller");
      return refuse(head, Optional.of(caller), arrived, CallRefusal.retryAfter(429, "TooManyRequests",
          "more calls than this identity may make; try again later", wait.get()));
    }
    return new Admission.Admitted<>(new Admitted(caller, path.get(), arrived));
  }

  @Override
  public Answer answer(Head head, Admitted admitted, byte[] body) {
    CallPath path = admitted.path();
    Caller caller = admitted.caller();
    SigningCall.Parsed parsed = SigningCall.parse(body, limits.maxUrlDuration());
    if (parsed instanceof SigningCall.Parsed.Refused refused) {
      return answer(head, Optional.of(caller), admitted.arrivedNanos(), refused.refusal());
    }
    SigningCall call = ((SigningCall.Parsed.Accepted) parsed).call();
    CallAuthorization.Outcome access = authorization.may(caller, path.namespace(), path.integration(), call.method());
    if (access == CallAuthorization.Outcome.UNAVAILABLE) {
      return answer(head, Optional.of(caller), admitted.arrivedNanos(), unavailable());
    }
    if (access == CallAuthorization.Outcome.DENIED) {
      // Worded as the API server words it, from the names in the call alone.
      return answer(head, Optional.of(caller), admitted.arrivedNanos(), CallRefusal.of(403, "Forbidden",
          "user \"" + caller.user() + "\" cannot " + CallAuthorization.verb(call.method()) + " resource \""
              + CallAuthorization.RESOURCE + "/" + CallAuthorization.SUBRESOURCE + "\" in API group \""
              + ApiGroup.GROUP + "\" in the namespace \"" + path.namespace() + "\" for \"" + path.integration()
              + "\"; a Role granting that verb, bound to this identity in that namespace, lets it sign"));
    }
    CallSigner.Outcome outcome = signer.sign(path.namespace(), path.integration(), call);
    if (outcome instanceof CallSigner.Outcome.Refused refused) {
      return answer(head, Optional.of(caller), admitted.arrivedNanos(), refused.refusal());
    }
    CallSigner.Outcome.Signed signed = (CallSigner.Outcome.Signed) outcome;
    metrics.signed(call.method().name(), signed.signedCount());
    record(head, Optional.of(caller), admitted.arrivedNanos(), 200, SIGNED, Optional.of(call));
    return Answer.json(200, signedJson(path, call, signed));
  }

  @Override
  public void answeredByServer(int status, String reason) {
    metrics.counted(status, reason);
  }

  private static CallRefusal unavailable() {
    return CallRefusal.retryAfter(503, "ServiceUnavailable", "the API server could not be asked about this call "
        + "now; try again shortly", Duration.ofSeconds(1));
  }

  private Admission<Admitted> refuse(Head head, Optional<Caller> caller, long arrived, CallRefusal refusal) {
    return new Admission.Refused<>(answer(head, caller, arrived, refusal));
  }

  private Answer answer(Head head, Optional<Caller> caller, long arrived, CallRefusal refusal) {
    record(head, caller, arrived, refusal.status(), refusal.reason(), Optional.empty());
    ObjectNode body = JSON.createObjectNode().put("reason", refusal.reason()).put("message", refusal.message());
    Answer answer = Answer.json(refusal.status(), body.toString());
    // Whole seconds, rounded up: a caller that waits as told is not refused again for waiting too little.
    return refusal.retryAfter().map(wait -> answer.withHeader("Retry-After",
        Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)))).orElse(answer);
  }

  private void record(Head head, Optional<Caller> caller, long arrived, int status, String reason,
      Optional<SigningCall> call) {
    metrics.called(status, reason, Duration.ofNanos(System.nanoTime() - arrived));
    if (LOG.isDebugEnabled()) {
      // Who, which integration, how many keys and the outcome: never the token, a URL or a signature.
      LOG.debug("signing call by {} to {}: {} of {} keys, {} {}", caller.map(Caller::user)
          .orElse("an unauthenticated caller at " + head.source().getHostAddress()),
          CallPath.parse(head.path()).map(p -> p.namespace() + "/" + p.integration()).orElse("an unknown path"),
          call.map(c -> c.method().name()).orElse("no method read"), call.map(c -> c.keys().size()).orElse(0),
          status, reason);
    }
  }

  private static String signedJson(CallPath path, SigningCall call, CallSigner.Outcome.Signed signed) {
    ObjectNode root = JSON.createObjectNode().put("integration", path.integration())
        .put("storageName", signed.storageName()).put("method", call.method().name());
    ArrayNode urls = root.putArray("urls");
    for (SignedKey key : signed.keys()) {
      ObjectNode entry = urls.addObject().put("key", key.key());
      key.url().ifPresent(url -> entry.put("url", url));
      key.expiresAt().ifPresent(at -> entry.put("expiresAt", at.toString()));
      key.reason().ifPresent(reason -> entry.put("reason", reason.name()));
      key.message().ifPresent(message -> entry.put("message", message));
    }
    return root.toString();
  }
}

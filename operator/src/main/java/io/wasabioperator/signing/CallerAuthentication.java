package io.wasabioperator.signing;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sent a call, from its bearer token: a cheap look at the token first, then a TokenReview for the
 * configured audiences, whose answer is kept (by a hash of the token) at most {@link #KEEP_AUTHENTICATED} and
 * never past the token's expiry. The answer must name a configured audience: an empty list means a token for
 * the API server itself, which is refused.
 */
public final class CallerAuthentication {
  static final Duration KEEP_AUTHENTICATED = Duration.ofMinutes(2);
  static final Duration KEEP_REFUSED = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(CallerAuthentication.class);
  private static final String BEARER = "Bearer ";

  /** What a call's token proved. */
  public sealed interface Outcome {
    record Authenticated(Caller caller) implements Outcome {}

    /** No answer from the API server: the caller may try again. */
    record Unavailable() implements Outcome {}

    record NotAuthenticated(String message) implements Outcome {}

    /** The token would need a review, and its source may not have one now. */
    record Limited() implements Outcome {}
  }

  /** A review its caller's source may not have. */
  private static final class NotAsked extends RuntimeException {
    NotAsked() {
      super("not asked", null, false, false);
    }
  }

  private record Kept(Outcome outcome, Instant until) {}

  private final KubernetesClient client;
  private final TokenPrecheck precheck;
  private final List<String> audiences;
  private final Clock clock;
  private final ReviewCache<String, Kept> cache;
  private final ReviewBudget budget;

  public CallerAuthentication(KubernetesClient client, Set<String> audiences, int capacity, ReviewBudget budget,
      Clock clock) {
    this.client = client;
    this.budget = budget;
    this.precheck = new TokenPrecheck(audiences, clock);
    this.audiences = List.copyOf(audiences);
    this.clock = clock;
    this.cache = new ReviewCache<>(capacity, clock, Kept::until);
  }

  /** From the Authorization header, if any; asks the API server only for a token worth asking about. */
  public Outcome authenticate(Optional<String> authorization) {
    return authenticate(authorization, () -> true);
  }

  /**
   * As {@link #authenticate(Optional)}; a token whose answer is not kept is reviewed only when {@code mayReview}
   * says so (its source has not sent too many bad tokens), and is {@link Outcome.Limited} otherwise.
   */
  public Outcome authenticate(Optional<String> authorization, BooleanSupplier mayReview) {
    Optional<String> token = authorization.filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(h -> h.substring(BEARER.length()).trim());
    if (token.isEmpty()) {
      return new Outcome.NotAuthenticated("send a ServiceAccount token as 'Authorization: Bearer <token>'");
    }
    Optional<TokenPrecheck.Claims> claims = precheck.check(token.get());
    if (claims.isEmpty()) {
      return new Outcome.NotAuthenticated("the token is not a ServiceAccount token for audience "
          + String.join(" or ", audiences) + ", or it has expired");
    }
    try {
      return cache.get(digest(token.get()), () -> {
        if (!mayReview.getAsBoolean()) {
          throw new NotAsked();
        }
        return CompletableFuture.completedFuture(budget.ask(() -> review(token.get(), claims.get().expiry())));
      }).join().outcome();
    } catch (CompletionException e) {
      if (e.getCause() instanceof NotAsked) {
        return new Outcome.Limited();
      }
      if (!(e.getCause() instanceof ReviewBudget.Spent)) {
        LOG.warn("a TokenReview failed: {}", describe(e.getCause()));
      }
      return new Outcome.Unavailable();
    }
  }

  private Kept review(String token, Instant expiry) {
    TokenReview asked = client.resource(new TokenReviewBuilder().withNewSpec().withToken(token)
        .withAudiences(audiences).endSpec().build()).create();
    TokenReviewStatus status = asked.getStatus();
    Instant now = clock.instant();
    boolean forUs = status != null && Boolean.TRUE.equals(status.getAuthenticated())
        && status.getAudiences() != null && status.getAudiences().stream().anyMatch(audiences::contains);
    if (!forUs || status.getUser() == null) {
      return new Kept(new Outcome.NotAuthenticated("the token was not accepted for audience "
          + String.join(" or ", audiences)), now.plus(KEEP_REFUSED));
    }
    UserInfo user = status.getUser();
    Instant until = now.plus(KEEP_AUTHENTICATED);
    return new Kept(new Outcome.Authenticated(new Caller(user.getUsername(), Objects.requireNonNullElse(user.getUid(),
        ""), List.copyOf(Objects.requireNonNullElse(user.getGroups(), List.of())),
        Map.copyOf(Objects.requireNonNullElse(user.getExtra(), Map.of())))), until.isBefore(expiry) ? until : expiry);
  }

  /** Answers taken from the cache, for the metrics. */
  public long cacheHits() {
    return cache.hits();
  }

  public long cacheMisses() {
    return cache.misses();
  }

  /** The failure, without its message: a client exception's message may quote what was sent. */
  static String describe(Throwable failure) {
    return failure instanceof KubernetesClientException k ? "HTTP " + k.getCode()
        : failure.getClass().getSimpleName();
  }

  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}

package io.wasabioperator.signing;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.ApiGroup;
import io.wasabioperator.api.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a caller may sign with an integration: a SubjectAccessReview on the virtual subresource
 * {@code wasabistorageintegrations/urls}, with a custom verb ({@code sign-get}, {@code sign-put}) so that
 * ordinary read-only roles never reach bucket data. Answers are kept {@link #KEEP_ALLOWED} when allowed and
 * {@link #KEEP_DENIED} when denied. Only names are asked about, so the answer says nothing of whether the
 * integration exists.
 */
public final class CallAuthorization {
  static final Duration KEEP_ALLOWED = Duration.ofSeconds(30);
  static final Duration KEEP_DENIED = Duration.ofSeconds(10);
  public static final String RESOURCE = "wasabistorageintegrations";
  public static final String SUBRESOURCE = "urls";
  private static final Logger LOG = LoggerFactory.getLogger(CallAuthorization.class);

  /** The answer for a call. */
  public enum Outcome { ALLOWED, DENIED, UNAVAILABLE }

  private record Question(Caller caller, String namespace, String name, String verb) {}

  private record Kept(boolean allowed, Instant until) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final ReviewCache<Question, Kept> cache;
  private final ReviewBudget budget;

  public CallAuthorization(KubernetesClient client, int capacity, ReviewBudget budget, Clock clock) {
    this.client = client;
    this.budget = budget;
    this.clock = clock;
    this.cache = new ReviewCache<>(capacity, clock, Kept::until);
  }

  /** The verb a method is signed under. */
  public static String verb(HttpMethod method) {
    return method == HttpMethod.PUT ? "sign-put" : "sign-get";
  }

  public Outcome may(Caller caller, String namespace, String integration, HttpMethod method) {
    Question question = new Question(caller, namespace, integration, verb(method));
    try {
      return cache.get(question, () -> CompletableFuture.completedFuture(budget.ask(() -> review(question))))
          .join().allowed()
          ? Outcome.ALLOWED : Outcome.DENIED;
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof ReviewBudget.Spent)) {
        LOG.warn("a SubjectAccessReview failed: {}", CallerAuthentication.describe(e.getCause()));
      }
      return Outcome.UNAVAILABLE;
    }
  }

  /** Answers taken from the cache, for the metrics. */
  public long cacheHits() {
    return cache.hits();
  }

  public long cacheMisses() {
    return cache.misses();
  }

  private Kept review(Question question) {
    Caller caller = question.caller();
    SubjectAccessReview asked = client.resource(new SubjectAccessReviewBuilder().withNewSpec()
        .withUser(caller.user()).withUid(caller.uid()).withGroups(caller.groups()).withExtra(caller.extra())
        .withNewResourceAttributes().withGroup(ApiGroup.GROUP).withResource(RESOURCE).withSubresource(SUBRESOURCE)
        .withNamespace(question.namespace()).withName(question.name()).withVerb(question.verb())
        .endResourceAttributes().endSpec().build()).create();
    boolean allowed = asked.getStatus() != null && Boolean.TRUE.equals(asked.getStatus().getAllowed())
        && !Boolean.TRUE.equals(asked.getStatus().getDenied());
    return new Kept(allowed, clock.instant().plus(allowed ? KEEP_ALLOWED : KEEP_DENIED));
  }
}

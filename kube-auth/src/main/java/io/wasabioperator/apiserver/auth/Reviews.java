package io.wasabioperator.apiserver.auth;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpec;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpecBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestStatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleList;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingList;
import io.fabric8.kubernetes.api.model.rbac.RoleList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.wasabioperator.apiserver.rbac.RbacPolicy;
import io.wasabioperator.apiserver.rbac.RequestAttributes;
import io.wasabioperator.apiserver.rbac.UserInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TokenRequest, TokenReview and SubjectAccessReview answered as a cluster answers them, in front of an embedded
 * API server's store: ServiceAccounts the store holds get tokens from the {@link TokenIssuer}
 * ({@code kubectl create token}), tokens it issued are authenticated, and access is decided by the RBAC
 * authorizer from the Roles, ClusterRoles and bindings the store holds at that moment. Every review is
 * counted, and the reviews can be made to fail as an API server that stops answering fails them.
 */
public final class Reviews extends Dispatcher {
  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";
  private static final Pattern TOKEN_REQUEST = Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/]+)/token");
  /** The audience of a token asked for without one: the API server's own, as a cluster's default issuer gives. */
  public static final String API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";
  private static final long DEFAULT_TOKEN_SECONDS = 3600;
  /** The API server's bounds on a TokenRequest's expirationSeconds. */
  private static final long MIN_TOKEN_SECONDS = 600;
  private static final long MAX_TOKEN_SECONDS = 1L << 32;

  private final Dispatcher store;
  private final TokenIssuer tokens;
  private final AtomicInteger tokenReviews = new AtomicInteger();
  private final AtomicInteger accessReviews = new AtomicInteger();
  private volatile boolean answering = true;

  public Reviews(Dispatcher store, TokenIssuer tokens) {
    this.store = store;
    this.tokens = tokens;
  }

  public int tokenReviews() {
    return tokenReviews.get();
  }

  public int accessReviews() {
    return accessReviews.get();
  }

  /** false: reviews fail with 503, as when the API server cannot be reached; true: answered again. */
  public void answering(boolean answering) {
    this.answering = answering;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return answer(request);
    } catch (UnreadableBody e) {
      // A body that is not the object the path names: refused as the API server refuses it, never left unanswered.
      return json(400, new StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest")
          .withMessage("the request body cannot be read as the object this path takes").build());
    }
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getPath().replaceFirst("\\?.*$", "");
    boolean post = request.getMethod().equals("POST");
    if (post && path.equals(TOKEN_REVIEWS)) {
      tokenReviews.incrementAndGet();
      return answering ? tokenReview(body(request, TokenReview.class)) : unavailable();
    }
    if (post && path.equals(ACCESS_REVIEWS)) {
      accessReviews.incrementAndGet();
      return answering ? accessReview(body(request, SubjectAccessReview.class)) : unavailable();
    }
    Matcher tokenRequest = TOKEN_REQUEST.matcher(path);
    if (post && tokenRequest.matches()) {
      return tokenRequest(tokenRequest.group(1), tokenRequest.group(2), body(request, TokenRequest.class));
    }
    return store.dispatch(request);
  }

  private MockResponse tokenRequest(String namespace, String serviceAccount, TokenRequest request) {
    MockResponse found = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, "/api/v1/namespaces/"
        + namespace + "/serviceaccounts/" + serviceAccount, io.fabric8.mockwebserver.http.Headers.builder().build(),
        new Buffer()));
    if (found.code() != 200) {
      return json(404, new StatusBuilder().withStatus("Failure").withCode(404).withReason("NotFound")
          .withMessage("serviceaccounts \"" + serviceAccount + "\" not found").build());
    }
    TokenRequestSpec spec = request.getSpec() == null ? new TokenRequestSpec() : request.getSpec();
    List<String> audiences = spec.getAudiences() == null || spec.getAudiences().isEmpty() ? List.of(API_AUDIENCE)
        : spec.getAudiences();
    long seconds = spec.getExpirationSeconds() == null ? DEFAULT_TOKEN_SECONDS : spec.getExpirationSeconds();
    if (seconds < MIN_TOKEN_SECONDS || seconds > MAX_TOKEN_SECONDS) {
      return json(422, new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
          .withMessage("spec.expirationSeconds: Invalid value: " + seconds + ": may not specify a duration less than "
              + "10 minutes or more than 2^32 seconds").build());
    }
    Duration lifetime = Duration.ofSeconds(seconds);
    String token = tokens.issue(namespace, serviceAccount, audiences, lifetime);
    request.setSpec(new TokenRequestSpecBuilder(spec).withAudiences(audiences).withExpirationSeconds(seconds).build());
    request.setStatus(new TokenRequestStatusBuilder().withToken(token)
        .withExpirationTimestamp(tokens.expiry(token).toString()).build());
    return json(201, request);
  }

  private MockResponse tokenReview(TokenReview review) {
    List<String> audiences = Objects.requireNonNullElse(review.getSpec().getAudiences(), List.of());
    review.setStatus(tokens.review(review.getSpec().getToken(), audiences)
        .map(user -> new TokenReviewStatusBuilder().withAuthenticated(true).withAudiences(user.audiences())
            .withNewUser().withUsername(user.userName()).withUid(user.uid()).withGroups(List.copyOf(user.groups()))
            .endUser().build())
        .orElseGet(() -> new TokenReviewStatusBuilder().withAuthenticated(false)
            .withError("invalid bearer token").build()));
    // The token is not echoed back, as the API server does not echo it.
    review.getSpec().setToken(null);
    return json(201, review);
  }

  private MockResponse accessReview(SubjectAccessReview review) {
    ResourceAttributes attributes = review.getSpec().getResourceAttributes();
    UserInfo user = new UserInfo(review.getSpec().getUser(),
        new HashSet<>(Objects.requireNonNullElse(review.getSpec().getGroups(), List.of())));
    boolean allowed = attributes != null && RbacPolicy.of(rbacObjects(), user).allows(RequestAttributes.resource(
        attributes.getVerb(), Objects.requireNonNullElse(attributes.getGroup(), ""),
        Objects.requireNonNullElse(attributes.getNamespace(), ""), attributes.getResource(),
        Objects.requireNonNullElse(attributes.getSubresource(), ""),
        Objects.requireNonNullElse(attributes.getName(), "")));
    review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed)
        .withReason(allowed ? "RBAC: allowed" : "").build());
    return json(201, review);
  }

  /** The RBAC objects the store holds now, in every namespace. */
  private List<HasMetadata> rbacObjects() {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(list("roles", RoleList.class));
    objects.addAll(list("clusterroles", ClusterRoleList.class));
    objects.addAll(list("rolebindings", RoleBindingList.class));
    objects.addAll(list("clusterrolebindings", ClusterRoleBindingList.class));
    return objects;
  }

  private <L extends KubernetesResourceList<? extends HasMetadata>> List<? extends HasMetadata> list(String resource,
      Class<L> type) {
    MockResponse response = store.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, RBAC + resource,
        io.fabric8.mockwebserver.http.Headers.builder().build(), new Buffer()));
    if (response.code() != 200) {
      return List.of();
    }
    L list = Serialization.unmarshal(new String(response.getBody().getBytes(), StandardCharsets.UTF_8), type);
    return list.getItems() == null ? List.of() : list.getItems();
  }

  /** A body that does not parse as the object its path takes. */
  private static final class UnreadableBody extends RuntimeException {
    UnreadableBody() {
      super("unreadable body", null, false, false);
    }
  }

  private static <T> T body(RecordedRequest request, Class<T> type) {
    try {
      return Serialization.unmarshal(new String(request.getBody().getBytes(), StandardCharsets.UTF_8), type);
    } catch (RuntimeException e) {
      throw new UnreadableBody();
    }
  }

  private static MockResponse json(int code, Object body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(body));
  }

  private static MockResponse unavailable() {
    return json(503, new StatusBuilder().withStatus("Failure").withCode(503).withReason("ServiceUnavailable")
        .withMessage("the server is currently unable to handle the request").build());
  }
}

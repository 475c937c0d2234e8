package io.wasabioperator.apiserver.auth;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TokenReview and SubjectAccessReview answered as a cluster answers them, in front of the test API server's
 * store: tokens the {@link TokenIssuer} issued are authenticated, and access is decided by the RBAC
 * authorizer from the Roles, ClusterRoles and bindings the store holds at that moment. Every review is
 * counted, and the reviews can be made to fail as an API server that stops answering fails them.
 */
public final class Reviews extends Dispatcher {
  private static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  private static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";

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
    return store.dispatch(request);
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

  private static <T> T body(RecordedRequest request, Class<T> type) {
    return Serialization.unmarshal(new String(request.getBody().getBytes(), StandardCharsets.UTF_8), type);
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

package io.wasabioperator.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.testsupport.MovableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reviews through the Kubernetes client, as the signing API sends them. */
class ReviewsTest {
  private static final String AUDIENCE = "wasabi-operator-signing";

  private final MovableClock clock = new MovableClock();
  private final ReviewingApiServer server = new ReviewingApiServer(clock);
  private final TokenIssuer issuer = server.issuer();
  private final Reviews reviews = server.reviews();
  private final KubernetesClient client = server.client();

  @BeforeEach
  void start() {
    SigningRbac.grant("team-a", "viewer-from-b", "team-b", "viewer", "sign-get")
        .forEach(object -> client.resource(object).create());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TokenReview review(String token, String... audiences) {
    return client.resource(new TokenReviewBuilder().withNewSpec().withToken(token).withAudiences(audiences)
        .endSpec().build()).create();
  }

  private boolean allowed(UserInfo user, String verb, String namespace) {
    SubjectAccessReview review = client.resource(new SubjectAccessReviewBuilder().withNewSpec()
        .withUser(user.getUsername()).withGroups(user.getGroups())
        .withNewResourceAttributes().withGroup(SigningRbac.GROUP).withResource("wasabistorageintegrations")
        .withSubresource("urls").withNamespace(namespace).withName("slides").withVerb(verb)
        .endResourceAttributes().endSpec().build()).create();
    return review.getStatus().getAllowed();
  }

  @Test
  void anIssuedTokenIsAuthenticatedAsItsServiceAccountAndRbacDecidesWhatItMaySign() {
    String token = issuer.issue("team-b", "viewer", List.of(AUDIENCE), Duration.ofHours(1));

    TokenReview reviewed = review(token, AUDIENCE);

    assertThat(reviewed.getStatus().getAuthenticated()).isTrue();
    assertThat(reviewed.getStatus().getAudiences()).containsExactly(AUDIENCE);
    assertThat(reviewed.getSpec().getToken()).as("not echoed").isNull();
    UserInfo user = reviewed.getStatus().getUser();
    assertThat(user.getUsername()).isEqualTo("system:serviceaccount:team-b:viewer");
    assertThat(user.getGroups()).contains("system:serviceaccounts:team-b", "system:authenticated");
    assertThat(allowed(user, "sign-get", "team-a")).isTrue();
    assertThat(allowed(user, "sign-put", "team-a")).isFalse();
    assertThat(allowed(user, "sign-get", "team-b")).isFalse();
    assertThat(reviews.tokenReviews()).isEqualTo(1);
    assertThat(reviews.accessReviews()).isEqualTo(3);
  }

  @Test
  void aTokenRequestForAServiceAccountThatExistsGivesATokenForTheAudiencesAskedWithItsStableUid() {
    client.resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
        .withNamespace("team-b").withName("viewer").endMetadata().build()).create();

    String first = client.serviceAccounts().inNamespace("team-b").withName("viewer").tokenRequest(
        new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec()
            .withAudiences(AUDIENCE).withExpirationSeconds(600L).endSpec().build()).getStatus().getToken();
    String second = client.serviceAccounts().inNamespace("team-b").withName("viewer").tokenRequest(
        new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec()
            .withAudiences(AUDIENCE).endSpec().build()).getStatus().getToken();

    UserInfo user = review(first, AUDIENCE).getStatus().getUser();
    assertThat(user.getUsername()).isEqualTo("system:serviceaccount:team-b:viewer");
    assertThat(review(second, AUDIENCE).getStatus().getUser().getUid()).as("the ServiceAccount's, not the token's")
        .isEqualTo(user.getUid()).isNotBlank();
    assertThat(review(first, "another-audience").getStatus().getAuthenticated()).isFalse();
    assertThat(java.time.Duration.between(clock.instant(), issuer.expiry(first)).toSeconds()).as("expirationSeconds")
        .isBetween(590L, 600L);
    assertThat(java.time.Duration.between(clock.instant(), issuer.expiry(second)).toSeconds()).as("the default hour")
        .isBetween(3590L, 3600L);
    assertThatThrownBy(() -> client.serviceAccounts().inNamespace("team-b").withName("nobody").tokenRequest(
        new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec().endSpec().build()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void accessFollowsTheBindingsTheStoreHoldsAtTheMomentOfTheReview() {
    UserInfo user = review(issuer.issue("team-b", "viewer", List.of(AUDIENCE), Duration.ofHours(1)), AUDIENCE)
        .getStatus().getUser();
    assertThat(allowed(user, "sign-get", "team-a")).isTrue();

    client.rbac().roleBindings().inNamespace("team-a").withName("viewer-from-b").delete();

    assertThat(allowed(user, "sign-get", "team-a")).isFalse();
  }

  @Test
  void aTokenForAnotherAudienceAnExpiredOrAlteredTokenAndGarbageAreNotAuthenticated() {
    String forApiServer = issuer.issue("team-b", "viewer", List.of("https://kubernetes.default.svc"),
        Duration.ofHours(1));
    assertThat(review(forApiServer, AUDIENCE).getStatus().getAuthenticated()).isFalse();

    String token = issuer.issue("team-b", "viewer", List.of(AUDIENCE), Duration.ofMinutes(10));
    String[] parts = token.split("\\.");
    String altered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "x" + "." + parts[2];
    assertThat(review(altered, AUDIENCE).getStatus().getAuthenticated()).isFalse();
    assertThat(review(new TokenIssuer(clock).issue("team-b", "viewer", List.of(AUDIENCE), Duration.ofHours(1)),
        AUDIENCE).getStatus().getAuthenticated()).as("signed by another issuer").isFalse();
    assertThat(review("not-a-jwt", AUDIENCE).getStatus().getAuthenticated()).isFalse();

    assertThat(review(token, AUDIENCE).getStatus().getAuthenticated()).isTrue();
    clock.moveBy(Duration.ofMinutes(10));
    assertThat(review(token, AUDIENCE).getStatus().getAuthenticated()).as("expired").isFalse();
  }

  @Test
  void reviewsFailWith503WhileTheServerDoesNotAnswerThem() {
    String token = issuer.issue("team-b", "viewer", List.of(AUDIENCE), Duration.ofHours(1));
    reviews.answering(false);

    assertThatThrownBy(() -> review(token, AUDIENCE)).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(503));

    reviews.answering(true);
    assertThat(review(token, AUDIENCE).getStatus().getAuthenticated()).isTrue();
  }
}

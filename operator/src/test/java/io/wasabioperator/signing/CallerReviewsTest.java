package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.apiserver.auth.ReviewingApiServer;
import io.wasabioperator.apiserver.auth.Reviews;
import io.wasabioperator.apiserver.auth.SigningRbac;
import io.wasabioperator.apiserver.auth.TokenIssuer;
import io.wasabioperator.testsupport.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Authentication and authorization of calls against an API server that reviews as a cluster does. */
class CallerReviewsTest {
  private static final String AUDIENCE = "wasabi-operator";

  private final MovableClock clock = new MovableClock();
  private final ReviewingApiServer server = new ReviewingApiServer(clock);
  private final TokenIssuer issuer = server.issuer();
  private final Reviews reviews = server.reviews();
  private final KubernetesClient client = server.client();
  private CallerAuthentication authentication;
  private CallAuthorization authorization;

  @BeforeEach
  void start() {
    ReviewBudget budget = new ReviewBudget(100, 64, clock);
    authentication = new CallerAuthentication(client, Set.of(AUDIENCE), 100, budget, clock);
    authorization = new CallAuthorization(client, 100, budget, clock);
    SigningRbac.grant("team-a", "viewer-from-b", "team-b", "viewer", "sign-get")
        .forEach(object -> client.resource(object).create());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Optional<String> bearer(String namespace, String serviceAccount, String audience) {
    return Optional.of("Bearer " + issuer.issue(namespace, serviceAccount, List.of(audience), Duration.ofHours(1)));
  }

  private Caller authenticated(Optional<String> header) {
    CallerAuthentication.Outcome outcome = authentication.authenticate(header);
    assertThat(outcome).isInstanceOf(CallerAuthentication.Outcome.Authenticated.class);
    return ((CallerAuthentication.Outcome.Authenticated) outcome).caller();
  }

  @Test
  void aTokenIsReviewedOnceAndItsAnswerKeptTwoMinutes() {
    Optional<String> header = bearer("team-b", "viewer", AUDIENCE);

    Caller caller = authenticated(header);
    assertThat(caller.user()).isEqualTo("system:serviceaccount:team-b:viewer");
    assertThat(caller.groups()).contains("system:serviceaccounts:team-b");
    authenticated(header);
    assertThat(reviews.tokenReviews()).isEqualTo(1);

    clock.moveBy(CallerAuthentication.KEEP_AUTHENTICATED);
    authenticated(header);
    assertThat(reviews.tokenReviews()).as("expired, asked again").isEqualTo(2);
  }

  @Test
  void reviewsPastTheBudgetAreNotAskedButKeptAnswersStillServe() {
    CallerAuthentication tight = new CallerAuthentication(client, Set.of(AUDIENCE), 100,
        new ReviewBudget(2, 64, java.time.Clock.fixed(clock.instant(), java.time.ZoneOffset.UTC)), clock);
    Optional<String> first = bearer("team-b", "viewer", AUDIENCE);
    assertThat(tight.authenticate(first)).isInstanceOf(CallerAuthentication.Outcome.Authenticated.class);
    assertThat(tight.authenticate(bearer("team-b", "other", AUDIENCE)))
        .isInstanceOf(CallerAuthentication.Outcome.Authenticated.class);

    assertThat(tight.authenticate(bearer("team-b", "third", AUDIENCE)))
        .isInstanceOf(CallerAuthentication.Outcome.Unavailable.class);
    assertThat(reviews.tokenReviews()).as("the third was not asked").isEqualTo(2);
    assertThat(tight.authenticate(first)).as("kept answers cost nothing")
        .isInstanceOf(CallerAuthentication.Outcome.Authenticated.class);
  }

  @Test
  void garbageAndTokensForOtherAudiencesAreTurnedAwayWithoutAReview() {
    assertThat(authentication.authenticate(Optional.empty()))
        .isInstanceOf(CallerAuthentication.Outcome.NotAuthenticated.class);
    assertThat(authentication.authenticate(Optional.of("Bearer not-a-token")))
        .isInstanceOf(CallerAuthentication.Outcome.NotAuthenticated.class);
    assertThat(authentication.authenticate(bearer("team-b", "viewer", "https://kubernetes.default.svc")))
        .isInstanceOf(CallerAuthentication.Outcome.NotAuthenticated.class);
    assertThat(reviews.tokenReviews()).isZero();

    Optional<String> forged = Optional.of("Bearer " + new TokenIssuer(clock).issue("team-b", "viewer",
        List.of(AUDIENCE), Duration.ofHours(1)));
    assertThat(authentication.authenticate(forged)).as("well formed, but the review refuses it")
        .isInstanceOf(CallerAuthentication.Outcome.NotAuthenticated.class);
    assertThat(reviews.tokenReviews()).isEqualTo(1);
  }

  @Test
  void withTheApiServerDownAnExpiredAnswerGivesUnavailableNeverAnAllow() {
    Optional<String> header = bearer("team-b", "viewer", AUDIENCE);
    Caller caller = authenticated(header);
    assertThat(authorization.may(caller, "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.ALLOWED);

    reviews.answering(false);
    assertThat(authorization.may(caller, "team-a", "slides", HttpMethod.GET)).as("kept")
        .isEqualTo(CallAuthorization.Outcome.ALLOWED);
    clock.moveBy(CallerAuthentication.KEEP_AUTHENTICATED);

    assertThat(authentication.authenticate(header)).isInstanceOf(CallerAuthentication.Outcome.Unavailable.class);
    assertThat(authorization.may(caller, "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.UNAVAILABLE);

    reviews.answering(true);
    assertThat(authorization.may(authenticated(header), "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.ALLOWED);
  }

  @Test
  void rbacDecidesWithCustomVerbsAndARemovedBindingBitesWhenTheKeptAllowExpires() {
    Caller viewer = authenticated(bearer("team-b", "viewer", AUDIENCE));
    Caller other = authenticated(bearer("team-b", "other", AUDIENCE));

    assertThat(authorization.may(viewer, "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.ALLOWED);
    assertThat(authorization.may(viewer, "team-a", "slides", HttpMethod.PUT)).as("sign-get is not sign-put")
        .isEqualTo(CallAuthorization.Outcome.DENIED);
    assertThat(authorization.may(viewer, "team-b", "slides", HttpMethod.GET)).as("no binding there")
        .isEqualTo(CallAuthorization.Outcome.DENIED);
    assertThat(authorization.may(other, "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.DENIED);

    // A reader of everything signs nothing: custom verbs are not in get, list or watch.
    client.resource(new ClusterRoleBuilder().withNewMetadata().withName("read-all").endMetadata().addNewRule()
        .withApiGroups("*").withResources("*").withVerbs("get", "list", "watch").endRule().build()).create();
    client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("other-reads-all").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "read-all").addNewSubject()
        .withKind("ServiceAccount").withNamespace("team-b").withName("other").endSubject().build()).create();
    clock.moveBy(CallAuthorization.KEEP_DENIED);
    assertThat(authorization.may(other, "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.DENIED);

    int asked = reviews.accessReviews();
    client.rbac().roleBindings().inNamespace("team-a").withName("viewer-from-b").delete();
    assertThat(authorization.may(viewer, "team-a", "slides", HttpMethod.GET)).as("the kept allow")
        .isEqualTo(CallAuthorization.Outcome.ALLOWED);
    assertThat(reviews.accessReviews()).isEqualTo(asked);
    clock.moveBy(CallAuthorization.KEEP_ALLOWED);
    assertThat(authorization.may(viewer, "team-a", "slides", HttpMethod.GET))
        .isEqualTo(CallAuthorization.Outcome.DENIED);
  }
}

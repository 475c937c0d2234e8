package io.wasabioperator.install.rbac;

import static io.wasabioperator.apiserver.rbac.RequestAttributes.nonResource;
import static io.wasabioperator.apiserver.rbac.RequestAttributes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.wasabioperator.apiserver.rbac.PolicyRules;
import io.wasabioperator.apiserver.rbac.RbacPolicy;
import io.wasabioperator.apiserver.rbac.RequestAttributes;
import io.wasabioperator.apiserver.rbac.RuleLocation;
import io.wasabioperator.apiserver.rbac.ServiceAccountUser;
import io.wasabioperator.install.chart.Chart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RBAC evaluator on rules of its own and on the chart's render, and what it asks of admission. */
class RbacPolicyTest {
  private static final String GROUP = "storage.wasabi-operator.io";
  private static final ServiceAccountUser OPERATOR = new ServiceAccountUser("ops", "wasabi-operator");
  private static final String LEASE_PATH =
      "/apis/coordination.k8s.io/v1/namespaces/wasabi-operator/leases/wasabi-operator-leader";

  @TempDir
  Path work;

  static Stream<Arguments> ruleMatches() {
    PolicyRule secrets = rule(List.of(""), List.of("secrets"), List.of(), List.of("get", "list", "watch"));
    PolicyRule named = rule(List.of(""), List.of("secrets"), List.of("platform"), List.of("get", "list", "create"));
    PolicyRule anyStatus = rule(List.of(GROUP), List.of("*/status"), List.of(), List.of("update"));
    PolicyRule slashStar = rule(List.of(GROUP), List.of("signedurlrequests/*"), List.of(), List.of("update"));
    PolicyRule everything = rule(List.of("*"), List.of("*"), List.of(), List.of("*"));
    PolicyRule discovery = new PolicyRuleBuilder().withNonResourceURLs("/apis/*", "/version").withVerbs("get").build();
    return Stream.of(
        Arguments.of(secrets, resource("get", "", "a", "secrets", "", "x"), true),
        Arguments.of(secrets, resource("watch", "", "", "secrets", "", ""), true),
        Arguments.of(secrets, resource("patch", "", "a", "secrets", "", "x"), false),
        Arguments.of(secrets, resource("get", "apps", "a", "secrets", "", "x"), false),
        Arguments.of(secrets, resource("get", "", "a", "secrets", "status", "x"), false),
        Arguments.of(named, resource("get", "", "a", "secrets", "", "platform"), true),
        Arguments.of(named, resource("get", "", "a", "secrets", "", "other"), false),
        Arguments.of(named, resource("create", "", "a", "secrets", "", ""), false),
        Arguments.of(named, resource("list", "", "a", "secrets", "", ""), false),
        Arguments.of(named, resource("list", "", "a", "secrets", "", "platform"), true),
        Arguments.of(anyStatus, resource("update", GROUP, "a", "signedurlrequests", "status", "s"), true),
        Arguments.of(anyStatus, resource("update", GROUP, "a", "signedurlrequests", "", "s"), false),
        Arguments.of(anyStatus, resource("update", GROUP, "a", "signedurlrequests", "finalizers", "s"), false),
        // the API server knows no resource/* wildcard
        Arguments.of(slashStar, resource("update", GROUP, "a", "signedurlrequests", "status", "s"), false),
        Arguments.of(everything, resource("deletecollection", "apps", "", "deployments", "", ""), true),
        Arguments.of(everything, nonResource("get", "/version"), false),
        Arguments.of(discovery, nonResource("get", "/apis/apps/v1"), true),
        Arguments.of(discovery, nonResource("get", "/version"), true),
        Arguments.of(discovery, nonResource("get", "/version/"), false),
        Arguments.of(discovery, nonResource("post", "/version"), false),
        Arguments.of(discovery, resource("get", "", "", "version", "", ""), false));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("ruleMatches")
  void rulesMatchAsTheApiServerMatchesThem(PolicyRule rule, RequestAttributes request, boolean allowed) {
    assertThat(PolicyRules.allows(rule, request)).isEqualTo(allowed);
  }

  @Test
  void aRoleBindingHoldsInItsNamespaceOnlyAndAClusterRoleBindingEverywhere() {
    PolicyRule readSecrets = rule(List.of(""), List.of("secrets"), List.of(), List.of("get", "list"));
    PolicyRule readLeases = rule(List.of("coordination.k8s.io"), List.of("leases"), List.of(), List.of("get"));
    ClusterRole clusterReader = new ClusterRoleBuilder().withNewMetadata().withName("reader").endMetadata()
        .withRules(readSecrets).build();
    Role leaseReader = new RoleBuilder().withNewMetadata().withName("leases").withNamespace("ops").endMetadata()
        .withRules(readLeases).build();
    // A ServiceAccount subject without a namespace is one in the RoleBinding's namespace.
    Subject localServiceAccount = new SubjectBuilder().withKind("ServiceAccount").withName("wasabi-operator").build();
    RbacPolicy policy = RbacPolicy.of(List.of(clusterReader, leaseReader,
        new RoleBindingBuilder().withNewMetadata().withName("reader").withNamespace("team-a").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "reader").withSubjects(operatorSubject())
            .build(),
        new RoleBindingBuilder().withNewMetadata().withName("leases").withNamespace("ops").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", "leases").withSubjects(localServiceAccount).build()),
        OPERATOR);

    assertThat(policy.allows(resource("list", "", "team-a", "secrets", "", ""))).isTrue();
    assertThat(policy.allows(resource("list", "", "team-b", "secrets", "", ""))).isFalse();
    assertThat(policy.allows(resource("list", "", "", "secrets", "", ""))).as("cluster-wide").isFalse();
    assertThat(policy.allows(resource("get", "coordination.k8s.io", "ops", "leases", "", "l"))).isTrue();
    assertThat(policy.allows(resource("get", "coordination.k8s.io", "team-a", "leases", "", "l"))).isFalse();

    RbacPolicy clusterWide = RbacPolicy.of(List.of(clusterReader,
        new ClusterRoleBindingBuilder().withNewMetadata().withName("reader").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "reader").withSubjects(operatorSubject())
            .build()), OPERATOR);
    assertThat(clusterWide.allows(resource("list", "", "team-b", "secrets", "", ""))).isTrue();
    assertThat(clusterWide.allows(resource("list", "", "", "secrets", "", ""))).isTrue();

    RbacPolicy someoneElse = RbacPolicy.of(List.of(clusterReader,
        new ClusterRoleBindingBuilder().withNewMetadata().withName("reader").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "reader")
            .withSubjects(new SubjectBuilder().withKind("ServiceAccount").withNamespace("team-a")
                .withName("wasabi-operator").build())
            .build()), OPERATOR);
    assertThat(someoneElse.allows(resource("list", "", "team-b", "secrets", "", ""))).isFalse();
  }

  @Test
  void everyAuthenticatedUserMayDiscoverAndReviewItsOwnAccess() {
    RbacPolicy nothingGranted = RbacPolicy.of(List.of(), OPERATOR);

    assertThat(nothingGranted.allows(RequestAttributes.of("POST",
        "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", null))).isTrue();
    assertThat(nothingGranted.allows(RequestAttributes.of("POST",
        "/apis/authentication.k8s.io/v1/selfsubjectreviews", null))).isTrue();
    for (String path : List.of("/api", "/apis", "/apis/" + GROUP, "/version", "/healthz", "/openapi/v3")) {
      assertThat(nothingGranted.allows(RequestAttributes.of("GET", path, null))).as(path).isTrue();
    }
    assertThat(nothingGranted.allows(RequestAttributes.of("GET", "/metrics", null))).isFalse();
    assertThat(nothingGranted.allows(RequestAttributes.of("POST",
        "/apis/authorization.k8s.io/v1/subjectaccessreviews", null))).isFalse();
    assertThat(nothingGranted.rules()).isEmpty();
  }

  @Test
  void aSecretCreatedWithABlockingOwnerNeedsUpdateOnTheOwnersFinalizers() {
    RecordedRequest create = new RecordedRequest("POST", "/api/v1/namespaces/team-a/secrets", null, 201,
        List.of(owner("WasabiStorageIntegration", "media", "uid-1", true),
            owner("SignedUrlRequest", "slide-1", "uid-2", false)),
        null);

    assertThat(OwnerReferenceAdmission.checks(create)).extracting(Check::attributes).containsExactly(
        resource("update", GROUP, "team-a", "wasabistorageintegrations", "finalizers", "media"));
  }

  @Test
  void changingTheOwnersOfAnExistingObjectNeedsDeleteOnIt() {
    OwnerReference blocking = owner("SignedUrlRequest", "slide-1", "uid-2", true);
    OwnerReference notBlocking = owner("SignedUrlRequest", "slide-1", "uid-2", false);
    RequestAttributes deleteSecret = resource("delete", "", "team-a", "secrets", "", "url");
    RequestAttributes updateFinalizers = resource("update", GROUP, "team-a", "signedurlrequests", "finalizers",
        "slide-1");
    String path = "/api/v1/namespaces/team-a/secrets/url";

    // a merge patch without ownerReferences keeps them
    assertThat(admission("PATCH", path, 200, null, List.of(blocking))).isEmpty();
    assertThat(admission("PATCH", path, 200, List.of(blocking), List.of(blocking))).isEmpty();
    // blockOwnerDeletion turned on
    assertThat(admission("PATCH", path, 200, List.of(blocking), List.of(notBlocking)))
        .containsExactly(deleteSecret, updateFinalizers);
    // an owner added to an object that had none
    assertThat(admission("PATCH", path, 200, List.of(blocking), List.of()))
        .containsExactly(deleteSecret, updateFinalizers);
    assertThat(admission("PATCH", path, 404, List.of(blocking), null))
        .as("a 404: nothing was there to admit").isEmpty();
    // a PUT without ownerReferences removes them; removing asks nothing of the owner
    assertThat(admission("PUT", path, 200, null, List.of(blocking))).containsExactly(deleteSecret);
    // a status write cannot change metadata
    assertThat(admission("PUT", "/apis/" + GROUP + "/v1alpha1/namespaces/team-a/signedurlrequests/s/status", 200,
        List.of(), List.of(blocking))).isEmpty();
    assertThat(admission("DELETE", path, 200, null, List.of(blocking))).isEmpty();
  }

  @Test
  void ownersOfOtherKindsAreTheirLowercasePlural() {
    assertThat(OwnerReferenceAdmission.resource(new OwnerReferenceBuilder().withApiVersion("apps/v1")
        .withKind("Deployment").withName("web").withUid("u").build())).isEqualTo("deployments");
    assertThat(OwnerReferenceAdmission.resource(owner("SignedUrlRequest", "s", "u", true)))
        .isEqualTo("signedurlrequests");
  }

  /** The default chart allows the calls the operator makes, and refuses the ones it no longer may make. */
  @Test
  void theDefaultChartAllowsTheOperatorsCalls() throws IOException {
    RbacPolicy policy = RenderedChart.render(work, "").policy();

    assertThat(policy.user()).isEqualTo(new ServiceAccountUser(Chart.NAMESPACE, "wasabi-operator").info());
    assertThat(policy.allows(RequestAttributes.of("PATCH", LEASE_PATH, null))).isTrue();
    assertThat(policy.allows(RequestAttributes.of("POST",
        "/apis/coordination.k8s.io/v1/namespaces/wasabi-operator/leases", null))).isTrue();
    assertThat(policy.allows(RequestAttributes.of("PATCH",
        "/apis/coordination.k8s.io/v1/namespaces/wasabi-operator/leases/another-lease", null))).isFalse();
    assertThat(policy.allows(RequestAttributes.of("PATCH",
        "/apis/coordination.k8s.io/v1/namespaces/team-a/leases/wasabi-operator-leader", null))).isFalse();
    assertThat(policy.allows(RequestAttributes.of("GET", "/api/v1/secrets", "labelSelector=a%3Db&watch=true")))
        .isTrue();
    assertThat(policy.allows(RequestAttributes.of("PUT", "/api/v1/namespaces/team-a/secrets/x", null))).isFalse();
    assertThat(policy.allows(RequestAttributes.of("PATCH",
        "/apis/" + GROUP + "/v1alpha1/namespaces/team-a/signedurlrequests/s/status", null))).isFalse();
    assertThat(policy.allows(RequestAttributes.of("GET", "/api/v1/namespaces/team-a/configmaps", null))).isFalse();
  }

  @Test
  void withoutPatchOnTheLeaseTheLeaseRenewalIsDenied() throws IOException {
    RenderedChart chart = RenderedChart.render(work, "");
    RequestAttributes renewal = RequestAttributes.of("PATCH", LEASE_PATH, null);
    assertThat(chart.policy().allows(renewal)).isTrue();

    removeVerb(chart.objects(), "leases", "patch");

    assertThat(chart.policy().allows(renewal)).isFalse();
    assertThat(RbacVerdict.judge(chart, List.of(recordingOf(new RecordedRequest("PATCH", LEASE_PATH, null, 200,
        null, List.of())))).denied()).extracting(Check::attributes).containsExactly(renewal);
  }

  @Test
  void withoutUpdateOnTheFinalizersASecretWithABlockingOwnerIsDenied() throws IOException {
    RenderedChart chart = RenderedChart.render(work, "");
    RecordedRequest create = new RecordedRequest("POST", "/api/v1/namespaces/team-a/secrets", null, 201,
        List.of(owner("WasabiStorageIntegration", "media", "uid-1", true)), null);
    assertThat(RbacVerdict.judge(chart, List.of(recordingOf(create))).denied()).isEmpty();

    removeVerb(chart.objects(), "wasabistorageintegrations/finalizers", "update");

    assertThat(RbacVerdict.judge(chart, List.of(recordingOf(create))).denied()).singleElement().satisfies(check -> {
      assertThat(check.attributes())
          .isEqualTo(resource("update", GROUP, "team-a", "wasabistorageintegrations", "finalizers", "media"));
      assertThat(check.reason()).contains("OwnerReferencesPermissionEnforcement");
      assertThat(check.request()).isEqualTo(create);
    });
  }

  /**
   * java-operator-sdk starts leader election only when a SelfSubjectRulesReview in the Lease's namespace lists
   * create, update and get on leases in rules without names or naming its Lease (LeaderElectionManager); so the
   * chart keeps update although renewals are patches.
   */
  @Test
  void theLeaseRulesPassJavaOperatorSdksStartCheck() throws IOException {
    for (String values : List.of("", "leaderElection: {leaseName: other-lease}\n")) {
      RenderedChart chart = RenderedChart.render(work, values);
      String leaseName = values.isEmpty() ? "wasabi-operator-leader" : "other-lease";

      List<String> verbs = chart.policy().rulesIn(Chart.NAMESPACE).stream()
          .filter(r -> r.getApiGroups().contains("coordination.k8s.io") && r.getResources().contains("leases"))
          .filter(r -> r.getResourceNames().isEmpty() || r.getResourceNames().contains(leaseName))
          .flatMap(r -> r.getVerbs().stream())
          .toList();
      assertThat(verbs).as(values).contains("create", "update", "get");
    }
  }

  @Test
  void unrecordedRulesAreFoundInTheRenderedText() throws IOException {
    RenderedChart chart = RenderedChart.render(work, "");

    assertThat(UnrecordedRules.in(chart.text())).containsOnlyKeys(
        new RuleLocation("Role", Chart.NAMESPACE, "wasabi-operator-leader-election", 2));
    assertThat(UnrecordedRules.in("""
        kind: ClusterRole
        apiVersion: rbac.authorization.k8s.io/v1
        metadata:
          name: fixture
        rules:
        # unrecorded: first
        - apiGroups: [""]
          resources: ["secrets"]
          # unrecorded: not above a rule
          verbs: ["get"]
        - apiGroups: [""]
          resources: ["configmaps"]
          verbs: ["get"]
        # unrecorded: third
        - apiGroups: [""]
          resources: ["pods"]
          verbs: ["get"]
        """)).containsOnlyKeys(new RuleLocation("ClusterRole", "", "fixture", 0),
        new RuleLocation("ClusterRole", "", "fixture", 2));
  }

  private static List<RequestAttributes> admission(String method, String path, int status,
      List<OwnerReference> body, List<OwnerReference> stored) {
    return OwnerReferenceAdmission.checks(new RecordedRequest(method, path, null, status, body, stored)).stream()
        .map(Check::attributes).toList();
  }

  /** Takes the verb out of every chart rule that grants it on the resource, as an edit of the chart would. */
  private static void removeVerb(List<HasMetadata> objects, String resource, String verb) {
    List<PolicyRule> rules = new ArrayList<>();
    objects.stream().filter(Role.class::isInstance).forEach(r -> rules.addAll(((Role) r).getRules()));
    objects.stream().filter(ClusterRole.class::isInstance).forEach(r -> rules.addAll(((ClusterRole) r).getRules()));
    List<PolicyRule> changed = rules.stream().filter(r -> r.getResources().contains(resource)).toList();
    assertThat(changed).as("rules on " + resource).isNotEmpty();
    changed.forEach(r -> r.setVerbs(r.getVerbs().stream().filter(v -> !v.equals(verb)).toList()));
  }

  private static Recording recordingOf(RecordedRequest... requests) {
    return new Recording(Path.of("fixture.jsonl"), "fixture", null, List.of(requests));
  }

  private static PolicyRule rule(List<String> groups, List<String> resources, List<String> names, List<String> verbs) {
    return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withResourceNames(names)
        .withVerbs(verbs).build();
  }

  private static Subject operatorSubject() {
    return new SubjectBuilder().withKind("ServiceAccount").withNamespace(OPERATOR.namespace())
        .withName(OPERATOR.name()).build();
  }

  private static OwnerReference owner(String kind, String name, String uid, boolean blocking) {
    return new OwnerReferenceBuilder().withApiVersion(GROUP + "/v1alpha1").withKind(kind).withName(name).withUid(uid)
        .withController(true).withBlockOwnerDeletion(blocking).build();
  }
}

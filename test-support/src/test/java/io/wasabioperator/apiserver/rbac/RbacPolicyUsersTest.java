package io.wasabioperator.apiserver.rbac;

import static io.wasabioperator.apiserver.rbac.RequestAttributes.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The evaluator as the signing API's SubjectAccessReviews need it: users and groups as well as
 * ServiceAccounts, RoleBindings that let another namespace's ServiceAccount in, aggregated ClusterRoles, and
 * custom verbs that only a rule naming them (or `*`) grants.
 */
class RbacPolicyUsersTest {
  private static final String GROUP = "storage.wasabi-operator.io";

  private static RequestAttributes sign(String verb, String namespace) {
    return resource(verb, GROUP, namespace, "wasabistorageintegrations", "urls", "slides");
  }

  @Test
  void aRoleBindingLetsAnotherNamespacesServiceAccountSignThereAndNowhereElse() {
    List<HasMetadata> objects = List.of(
        new RoleBuilder().withNewMetadata().withNamespace("team-a").withName("signer").endMetadata()
            .addNewRule().withApiGroups(GROUP).withResources("wasabistorageintegrations/urls")
            .withVerbs("sign-get").endRule().build(),
        new RoleBindingBuilder().withNewMetadata().withNamespace("team-a").withName("viewer-from-b").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", "signer")
            .addNewSubject().withKind("ServiceAccount").withNamespace("team-b").withName("viewer").endSubject()
            .addNewSubject().withKind("Group").withName("annotators").endSubject()
            .addNewSubject().withKind("User").withName("alice@example.com").endSubject()
            .build());

    RbacPolicy fromB = RbacPolicy.of(objects, UserInfo.serviceAccount("team-b", "viewer"));
    assertThat(fromB.allows(sign("sign-get", "team-a"))).isTrue();
    assertThat(fromB.allows(sign("sign-get", "team-b"))).as("its own namespace has no RoleBinding").isFalse();
    assertThat(fromB.allows(sign("sign-put", "team-a"))).as("sign-get does not give sign-put").isFalse();
    assertThat(RbacPolicy.of(objects, UserInfo.serviceAccount("team-b", "other")).allows(sign("sign-get", "team-a")))
        .isFalse();
    assertThat(RbacPolicy.of(objects, new UserInfo("bob", Set.of("annotators", "system:authenticated")))
        .allows(sign("sign-get", "team-a"))).as("by group").isTrue();
    assertThat(RbacPolicy.of(objects, new UserInfo("alice@example.com", Set.of("system:authenticated")))
        .allows(sign("sign-get", "team-a"))).as("by user").isTrue();
    assertThat(RbacPolicy.of(objects, new UserInfo("mallory", Set.of("system:authenticated")))
        .allows(sign("sign-get", "team-a"))).isFalse();
  }

  @Test
  void aggregatedRolesCarryTheRulesTheirSelectorsMatchAndOnlyAStarGrantsACustomVerb() {
    List<HasMetadata> objects = List.of(
        new ClusterRoleBuilder().withNewMetadata().withName("edit").endMetadata()
            .withNewAggregationRule().addNewClusterRoleSelector()
            .addToMatchLabels("rbac.authorization.k8s.io/aggregate-to-edit", "true").endClusterRoleSelector()
            .endAggregationRule().build(),
        new ClusterRoleBuilder().withNewMetadata().withName("view").endMetadata()
            .withNewAggregationRule().addNewClusterRoleSelector()
            .addToMatchLabels("rbac.authorization.k8s.io/aggregate-to-view", "true").endClusterRoleSelector()
            .endAggregationRule().build(),
        new ClusterRoleBuilder().withNewMetadata().withName("wasabi-operator-edit")
            .addToLabels("rbac.authorization.k8s.io/aggregate-to-edit", "true").endMetadata()
            .addNewRule().withApiGroups(GROUP).withResources("wasabistorageintegrations/urls")
            .withVerbs("sign-get", "sign-put").endRule().build(),
        new ClusterRoleBuilder().withNewMetadata().withName("reads-everything").endMetadata()
            .addNewRule().withApiGroups("*").withResources("*").withVerbs("get", "list", "watch").endRule().build(),
        binding("editors", "edit", "editor"), binding("viewers", "view", "viewer"),
        binding("readers", "reads-everything", "reader"));

    assertThat(RbacPolicy.of(objects, UserInfo.serviceAccount("team-a", "editor")).allows(sign("sign-put", "team-a")))
        .isTrue();
    assertThat(RbacPolicy.of(objects, UserInfo.serviceAccount("team-a", "viewer")).allows(sign("sign-get", "team-a")))
        .as("view aggregates nothing of the signing verbs").isFalse();
    assertThat(RbacPolicy.of(objects, UserInfo.serviceAccount("team-a", "reader")).allows(sign("sign-get", "team-a")))
        .as("get, list and watch on * do not sign").isFalse();
  }

  private static HasMetadata binding(String name, String clusterRole, String serviceAccount) {
    return new RoleBindingBuilder().withNewMetadata().withNamespace("team-a").withName(name).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).endSubject().build();
  }
}

package io.wasabioperator.apiserver.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one user may do, decided as the API server's RBAC authorizer decides it: the rules of every Role and
 * ClusterRole bound to the user (a RoleBinding's only in its namespace, a ClusterRoleBinding's everywhere),
 * plus the bootstrap roles every authenticated user has. An aggregated ClusterRole has the rules of every
 * ClusterRole its selectors match, as the aggregation controller fills them in. Anything no rule allows is
 * denied.
 */
public final class RbacPolicy {
  private final UserInfo user;
  private final List<BoundRule> rules;
  private final List<BoundRule> bootstrapRules;

  private RbacPolicy(UserInfo user, List<BoundRule> rules, List<BoundRule> bootstrapRules) {
    this.user = user;
    this.rules = rules;
    this.bootstrapRules = bootstrapRules;
  }

  /** @param objects rendered manifests; everything but Roles, ClusterRoles and their bindings is ignored */
  public static RbacPolicy of(List<HasMetadata> objects, ServiceAccountUser user) {
    return of(objects, user.info());
  }

  /** @param objects Roles, ClusterRoles and their bindings (anything else is ignored), as a cluster holds them */
  public static RbacPolicy of(List<HasMetadata> objects, UserInfo user) {
    return new RbacPolicy(user, bind(objects, user), bind(BootstrapRoles.objects(), user));
  }

  public UserInfo user() {
    return user;
  }

  public boolean allows(RequestAttributes request) {
    return Stream.concat(rules.stream(), bootstrapRules.stream()).anyMatch(rule -> rule.allows(request));
  }

  /** The rules the given objects (the chart, not the bootstrap roles) give the user. */
  public List<BoundRule> rules() {
    return rules;
  }

  /** The rules that hold in a namespace, as a SelfSubjectRulesReview for it lists them. */
  public List<PolicyRule> rulesIn(String namespace) {
    return Stream.concat(rules.stream(), bootstrapRules.stream())
        .filter(rule -> rule.namespace().isEmpty() || rule.namespace().equals(namespace))
        .map(BoundRule::rule)
        .toList();
  }

  private static List<BoundRule> bind(List<HasMetadata> objects, UserInfo user) {
    Map<String, ClusterRole> clusterRoles = Aggregation.filled(byKey(objects, ClusterRole.class));
    Map<String, Role> roles = byKey(objects, Role.class);
    List<BoundRule> bound = new ArrayList<>();
    for (ClusterRoleBinding binding : ofKind(objects, ClusterRoleBinding.class)) {
      if (namesUser(binding.getSubjects(), user, "") && binding.getRoleRef().getKind().equals("ClusterRole")) {
        ClusterRole role = clusterRoles.get(binding.getRoleRef().getName());
        if (role != null) {
          addRules(bound, "ClusterRole", "", role.getMetadata().getName(), role.getRules(), "");
        }
      }
    }
    for (RoleBinding binding : ofKind(objects, RoleBinding.class)) {
      String namespace = namespace(binding);
      if (!namesUser(binding.getSubjects(), user, namespace)) {
        continue;
      }
      RoleRef ref = binding.getRoleRef();
      if (ref.getKind().equals("ClusterRole") && clusterRoles.containsKey(ref.getName())) {
        addRules(bound, "ClusterRole", "", ref.getName(), clusterRoles.get(ref.getName()).getRules(), namespace);
      } else if (ref.getKind().equals("Role") && roles.containsKey(namespace + "/" + ref.getName())) {
        addRules(bound, "Role", namespace, ref.getName(), roles.get(namespace + "/" + ref.getName()).getRules(),
            namespace);
      }
    }
    return List.copyOf(bound);
  }

  private static void addRules(List<BoundRule> bound, String kind, String roleNamespace, String roleName,
      List<PolicyRule> rules, String bindingNamespace) {
    for (int i = 0; i < rules.size(); i++) {
      bound.add(new BoundRule(new RuleLocation(kind, roleNamespace, roleName, i), rules.get(i), bindingNamespace));
    }
  }

  private static boolean namesUser(List<Subject> subjects, UserInfo user, String bindingNamespace) {
    return subjects.stream().anyMatch(subject -> user.isNamedBy(subject, bindingNamespace));
  }

  private static String key(HasMetadata object) {
    String namespace = namespace(object);
    return namespace.isEmpty() ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
  }

  private static String namespace(HasMetadata object) {
    return Objects.requireNonNullElse(object.getMetadata().getNamespace(), "");
  }

  private static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** By name, or namespace/name. */
  private static <T extends HasMetadata> Map<String, T> byKey(List<HasMetadata> objects, Class<T> kind) {
    return ofKind(objects, kind).stream().collect(Collectors.toMap(RbacPolicy::key, o -> o, (a, b) -> a));
  }
}

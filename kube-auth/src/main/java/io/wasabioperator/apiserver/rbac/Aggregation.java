package io.wasabioperator.apiserver.rbac;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Aggregated ClusterRoles (the built-in view, edit and admin among them) filled in as Kubernetes' aggregation
 * controller fills them: the rules of every ClusterRole whose labels one of the aggregation rule's selectors
 * match, in name order.
 */
final class Aggregation {
  private Aggregation() {}

  /** The ClusterRoles by name, the aggregated ones with their rules filled in. */
  static Map<String, ClusterRole> filled(Map<String, ClusterRole> roles) {
    Map<String, ClusterRole> filled = new LinkedHashMap<>(roles);
    for (ClusterRole role : roles.values()) {
      if (role.getAggregationRule() == null || role.getAggregationRule().getClusterRoleSelectors() == null) {
        continue;
      }
      List<PolicyRule> rules = new ArrayList<>();
      roles.values().stream()
          .filter(other -> other != role && role.getAggregationRule().getClusterRoleSelectors().stream()
              .anyMatch(selector -> matches(selector, other.getMetadata().getLabels())))
          .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
          .forEach(other -> rules.addAll(Objects.requireNonNullElse(other.getRules(), List.of())));
      filled.put(role.getMetadata().getName(), new ClusterRoleBuilder(role).withRules(rules).build());
    }
    return filled;
  }

  /** A label selector's match, matchLabels and matchExpressions alike; an empty selector matches everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> actual = Objects.requireNonNullElse(labels, Map.of());
    if (selector.getMatchLabels() != null && selector.getMatchLabels().entrySet().stream()
        .anyMatch(label -> !label.getValue().equals(actual.get(label.getKey())))) {
      return false;
    }
    for (LabelSelectorRequirement requirement : Objects.requireNonNullElse(selector.getMatchExpressions(),
        List.<LabelSelectorRequirement>of())) {
      String value = actual.get(requirement.getKey());
      List<String> values = Objects.requireNonNullElse(requirement.getValues(), List.of());
      boolean met = switch (requirement.getOperator()) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
      if (!met) {
        return false;
      }
    }
    return true;
  }
}

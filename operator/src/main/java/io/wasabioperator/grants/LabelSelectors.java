package io.wasabioperator.grants;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Label selectors evaluated as the API server does. Pure. */
public final class LabelSelectors {
  static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private LabelSelectors() {}

  /** What is wrong with a selector, for the operator's configuration; empty when nothing is. */
  public static Optional<String> problem(LabelSelector selector) {
    if (selector.getMatchLabels() != null && selector.getMatchLabels().values().stream().anyMatch(v -> v == null)) {
      return Optional.of("has a null value in namespaceSelector.matchLabels");
    }
    for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
        ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
      String operator = String.valueOf(requirement.getOperator());
      boolean hasValues = requirement.getValues() != null && !requirement.getValues().isEmpty();
      if (requirement.getKey() == null || !OPERATORS.contains(operator)
          || hasValues != (operator.equals("In") || operator.equals("NotIn"))) {
        return Optional.of("has a namespaceSelector.matchExpressions entry that is not key, operator (In, NotIn, "
            + "Exists, DoesNotExist) and, for In and NotIn only, values");
      }
    }
    return Optional.empty();
  }

  /** An empty selector selects everything; an unknown operator or a null value selects nothing. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    for (Map.Entry<String, String> label : required.entrySet()) {
      if (label.getValue() == null || !label.getValue().equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return expressions.stream().allMatch(requirement -> matches(requirement, labels));
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (String.valueOf(requirement.getOperator())) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}

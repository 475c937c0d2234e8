package io.wasabioperator.install.rbac;

import io.wasabioperator.config.LabelSelectorExpression;
import io.wasabioperator.config.LabelSelectorExpression.Operator;
import java.util.Set;

/** Label selectors as a list or watch sends them (`a=b,c!=d,e in (f,g),!h`), for what they require. */
final class LabelSelector {
  private LabelSelector() {}

  /**
   * Whether every object the selector matches carries the label {@code key=value}: it says {@code key=value},
   * {@code key==value} or {@code key in (value)}. Anything looser ({@code key}, {@code key!=other},
   * {@code key in (value,other)}) lets other objects through.
   */
  static boolean requires(String selector, String key, String value) {
    return selector != null && LabelSelectorExpression.parse(selector).requirements().stream()
        .anyMatch(requirement -> requirement.key().equals(key) && requirement.values().equals(Set.of(value))
            && (requirement.operator() == Operator.EQUALS || requirement.operator() == Operator.IN));
  }
}

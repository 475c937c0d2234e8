package io.wasabioperator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Label selectors as {@code kubectl -l} and the API's {@code labelSelector} parameter take them, checked
 * at start so that a typo stops the operator with a clear line instead of every watch failing.
 */
final class LabelSelectorSyntax {
  private static final String KEY = "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
      + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";
  private static final Pattern REQUIREMENT = Pattern.compile("!?" + KEY + "|" + KEY + "\\s*(=|==|!=)\\s*" + VALUE
      + "|" + KEY + "\\s+(in|notin)\\s*\\(\\s*" + VALUE + "(\\s*,\\s*" + VALUE + ")*\\s*\\)");

  private LabelSelectorSyntax() {}

  static boolean isValid(String selector) {
    List<String> requirements = split(selector);
    return requirements != null && !requirements.isEmpty()
        && requirements.stream().allMatch(r -> REQUIREMENT.matcher(r.trim()).matches());
  }

  /** The requirements, split at the commas outside parentheses; null when the parentheses do not pair up. */
  private static List<String> split(String selector) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return null;
      } else if (c == ',' && depth == 0) {
        parts.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(selector.substring(start));
    return depth == 0 ? parts : null;
  }
}

package io.wasabioperator.install.rbac;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Label selectors as a list or watch sends them (`a=b,c!=d,e in (f,g),!h`), for what they require. */
final class LabelSelector {
  private static final Pattern SET_REQUIREMENT = Pattern.compile("^\\s*(\\S+)\\s+(in|notin)\\s*\\((.*)\\)\\s*$");

  private LabelSelector() {}

  /**
   * Whether every object the selector matches carries the label {@code key=value}: it says {@code key=value},
   * {@code key==value} or {@code key in (value)}. Anything looser ({@code key}, {@code key!=other},
   * {@code key in (value,other)}) lets other objects through.
   */
  static boolean requires(String selector, String key, String value) {
    if (selector == null) {
      return false;
    }
    for (String requirement : requirements(selector)) {
      Matcher set = SET_REQUIREMENT.matcher(requirement);
      if (set.matches()) {
        if (set.group(1).equals(key) && set.group(2).equals("in") && values(set.group(3)).equals(Set.of(value))) {
          return true;
        }
        continue;
      }
      if (requirement.contains("!=")) {
        continue;
      }
      int eq = requirement.indexOf('=');
      if (eq > 0 && requirement.substring(0, eq).trim().equals(key)
          && requirement.substring(eq + 1).replaceFirst("^=", "").trim().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** The requirements, split at the commas that are not inside a value list. */
  private static List<String> requirements(String selector) {
    List<String> requirements = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        requirements.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    requirements.add(selector.substring(start));
    return requirements;
  }

  private static Set<String> values(String list) {
    Set<String> values = new HashSet<>();
    for (String value : list.split(",")) {
      values.add(value.trim());
    }
    return values;
  }
}

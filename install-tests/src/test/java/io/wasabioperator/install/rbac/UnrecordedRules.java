package io.wasabioperator.install.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.wasabioperator.apiserver.rbac.RuleLocation;
import io.wasabioperator.install.chart.Chart;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a rendered chart marks as granted for a reason no recording shows, by a comment line
 * `# unrecorded: <why>` directly above the rule. Helm keeps comments, so the rendered text has them.
 */
final class UnrecordedRules {
  private static final Pattern MARK = Pattern.compile("^\\s*# unrecorded:(.*)$");
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)- ");

  private UnrecordedRules() {}

  /** The marked rules, each with the reason its comment gives. */
  static Map<RuleLocation, String> in(String renderedText) {
    Map<RuleLocation, String> marked = new HashMap<>();
    for (String document : renderedText.split("(?m)^---\\s*$")) {
      if (document.isBlank()) {
        continue;
      }
      List<HasMetadata> objects = Chart.parse(document);
      if (objects.size() == 1 && (objects.get(0) instanceof Role || objects.get(0) instanceof ClusterRole)) {
        HasMetadata role = objects.get(0);
        String namespace = Objects.requireNonNullElse(role.getMetadata().getNamespace(), "");
        markedRuleIndexes(document).forEach((index, why) -> marked.put(
            new RuleLocation(role.getKind(), namespace, role.getMetadata().getName(), index), why));
      }
    }
    return marked;
  }

  /** Rule index to reason, from the lines of one Role's `rules:` list. */
  private static Map<Integer, String> markedRuleIndexes(String document) {
    Map<Integer, String> marked = new HashMap<>();
    String[] lines = document.split("\n");
    int start = List.of(lines).indexOf("rules:");
    if (start < 0) {
      return marked;
    }
    int itemIndent = -1;
    int index = -1;
    for (int i = start + 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.trim().startsWith("#")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      Matcher item = LIST_ITEM.matcher(line);
      if (itemIndent < 0 && item.find()) {
        itemIndent = indent;
      }
      if (indent < itemIndent || itemIndent < 0 || indent == itemIndent && !line.stripLeading().startsWith("- ")) {
        break;
      }
      if (indent == itemIndent) {
        index++;
        Matcher mark = MARK.matcher(lines[i - 1]);
        if (mark.matches()) {
          String why = mark.group(1).trim();
          if (why.isEmpty()) {
            throw new IllegalArgumentException("`# unrecorded:` without a reason above: " + line.trim());
          }
          marked.put(index, why);
        }
      }
    }
    return marked;
  }
}

package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector as the API server evaluates one (apimachinery's {@code labels.Parse}): requirements
 * separated by commas, all of which must hold; {@code key}, {@code !key}, {@code key=v}, {@code key==v},
 * {@code key!=v}, {@code key in (a,b)}, {@code key notin (a,b)}. As there, {@code !=} and {@code notin}
 * hold for an object without the label. fabric8's mock ignores the set-based forms, so the sandbox
 * evaluates every selector here.
 */
final class LabelSelector {
  private static final Pattern REQUIREMENT = Pattern.compile(
      "(?<not>!)?\\s*(?<key>[^\\s!=(),]+)"
          + "(?:\\s*(?<op>==|!=|=)\\s*(?<value>[^\\s!=(),]*)"
          + "|\\s+(?<set>in|notin)\\s*\\((?<values>[^()]*)\\))?");

  /** A comma that separates requirements, not values of a set: no ')' follows before a '('. */
  private static final String OUTSIDE_PARENTHESES_COMMA = ",(?![^()]*\\))";

  private enum Operator { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN }

  private record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(JsonNode labels) {
      JsonNode label = labels.get(key);
      boolean has = label != null && label.isValueNode();
      String value = has ? label.asText() : null;
      return switch (operator) {
        case EXISTS -> has;
        case NOT_EXISTS -> !has;
        case EQUALS, IN -> has && values.contains(value);
        case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** The selector in this text; an empty text selects everything. */
  static LabelSelector parse(String text) {
    List<Requirement> requirements = new ArrayList<>();
    for (String part : text.split(OUTSIDE_PARENTHESES_COMMA, -1)) {
      if (part.isBlank()) {
        if (text.isBlank()) {
          continue;
        }
        throw new IllegalArgumentException("an empty requirement in the label selector " + text);
      }
      requirements.add(requirement(part.trim(), text));
    }
    return new LabelSelector(requirements);
  }

  /** Whether an object with these labels ({@code metadata.labels}, missing when it has none) is selected. */
  boolean matches(JsonNode labels) {
    return requirements.stream().allMatch(requirement -> requirement.matches(labels));
  }

  private static Requirement requirement(String part, String text) {
    Matcher m = REQUIREMENT.matcher(part);
    if (!m.matches() || m.group("not") != null && (m.group("op") != null || m.group("set") != null)) {
      throw new IllegalArgumentException("unable to parse requirement " + part + " of the label selector " + text);
    }
    String key = m.group("key");
    if (m.group("not") != null) {
      return new Requirement(key, Operator.NOT_EXISTS, Set.of());
    }
    if (m.group("op") != null) {
      return new Requirement(key, m.group("op").equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS,
          Set.of(m.group("value")));
    }
    if (m.group("set") != null) {
      Set<String> values = Set.copyOf(List.of(m.group("values").trim().split("\\s*,\\s*")));
      return new Requirement(key, m.group("set").equals("in") ? Operator.IN : Operator.NOT_IN, values);
    }
    return new Requirement(key, Operator.EXISTS, Set.of());
  }
}

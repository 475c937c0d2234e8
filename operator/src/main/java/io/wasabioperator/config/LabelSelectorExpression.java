package io.wasabioperator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label selector as {@code kubectl -l} and the API's {@code labelSelector} parameter take it, and as the API
 * server evaluates it (apimachinery's {@code labels.Parse}): requirements separated by commas, all of which must
 * hold; {@code key}, {@code !key}, {@code key=v}, {@code key==v}, {@code key!=v}, {@code key in (a,b)},
 * {@code key notin (a,b)}, with keys and values checked as the API server checks them. As there, {@code !=} and
 * {@code notin} hold for an object without the label. The operator checks its shard selector with it at start,
 * so that a typo stops it with a clear line instead of every watch failing; the sandbox evaluates kubectl's
 * selectors with it.
 */
public final class LabelSelectorExpression {
  private static final String KEY = "(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*/)?"
      + "[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  private static final String VALUE = "(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";
  private static final Pattern VALUE_PATTERN = Pattern.compile(VALUE);
  private static final Pattern REQUIREMENT = Pattern.compile("(?<not>!)?\\s*(?<key>" + KEY + ")"
      + "(?:\\s*(?<op>==|!=|=)\\s*(?<value>" + VALUE + ")|\\s+(?<set>in|notin)\\s*\\((?<values>[^()]*)\\))?");

  /** What a requirement asks of the label {@code key}. */
  public enum Operator { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN }

  /** One requirement: {@code values} holds the one value of {@code =} and {@code !=}, the set of the others. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EXISTS -> value != null;
        case NOT_EXISTS -> value == null;
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
      };
    }
  }

  private final List<Requirement> requirements;

  private LabelSelectorExpression(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  /**
   * The selector in this text; an empty text selects everything.
   *
   * @throws IllegalArgumentException naming the requirement that is not one
   */
  public static LabelSelectorExpression parse(String text) {
    List<Requirement> requirements = new ArrayList<>();
    if (!text.isBlank()) {
      for (String part : split(text)) {
        requirements.add(requirement(part.trim(), text));
      }
    }
    return new LabelSelectorExpression(requirements);
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /** Whether an object with these labels is selected. */
  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(requirement -> requirement.matches(labels));
  }

  /** The requirements, split at the commas outside parentheses. */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        throw new IllegalArgumentException("a ')' without its '(' in the label selector " + text);
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("a '(' without its ')' in the label selector " + text);
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static Requirement requirement(String part, String text) {
    Matcher m = REQUIREMENT.matcher(part);
    if (!m.matches() || m.group("not") != null && (m.group("op") != null || m.group("set") != null)) {
      throw new IllegalArgumentException("unable to parse requirement '" + part + "' of the label selector " + text);
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
      if (m.group("values").isBlank() || !values.stream().allMatch(v -> VALUE_PATTERN.matcher(v).matches())) {
        throw new IllegalArgumentException("unable to parse the values of requirement '" + part
            + "' of the label selector " + text);
      }
      return new Requirement(key, m.group("set").equals("in") ? Operator.IN : Operator.NOT_IN, values);
    }
    return new Requirement(key, Operator.EXISTS, Set.of());
  }
}

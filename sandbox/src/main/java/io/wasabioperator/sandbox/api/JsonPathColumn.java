package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of kubectl's JSONPath that printer columns use: {@code .a.b}, {@code .a[0]}, {@code .a[*]}
 * and filters {@code .a[?(@.type=="Ready")]} (with {@code ==} or {@code !=}).
 */
final class JsonPathColumn {
  private static final Pattern STEP = Pattern.compile(
      "\\.([A-Za-z0-9_-]+)|\\[(\\d+|\\*)]|\\[\\?\\(@\\.([A-Za-z0-9_.-]+)\\s*(==|!=)\\s*[\"']([^\"']*)[\"']\\)]");

  private JsonPathColumn() {}

  /** Whether {@link #evaluate} reads this path (whether it is in the subset). */
  static boolean isSupported(String path) {
    try {
      evaluate(JsonNodeFactory.instance.objectNode(), path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Every value the path reaches, in order; empty when it reaches none. */
  static List<JsonNode> evaluate(JsonNode root, String path) {
    String steps = path.trim();
    List<JsonNode> current = List.of(root);
    Matcher step = STEP.matcher(steps);
    int at = 0;
    while (at < steps.length()) {
      if (!step.find(at) || step.start() != at) {
        throw new IllegalArgumentException("unsupported JSONPath " + path + " at " + at);
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (step.group(1) != null) {
          add(next, node.get(step.group(1)));
        } else if (step.group(2) != null && node.isArray()) {
          if (step.group(2).equals("*")) {
            node.forEach(next::add);
          } else {
            add(next, node.get(Integer.parseInt(step.group(2))));
          }
        } else if (step.group(3) != null && node.isArray()) {
          for (JsonNode item : node) {
            JsonNode field = field(item, step.group(3));
            boolean equal = field != null && field.isValueNode() && field.asText().equals(step.group(5));
            if (equal == step.group(4).equals("==")) {
              next.add(item);
            }
          }
        }
      }
      current = next;
      at = step.end();
    }
    return current;
  }

  private static JsonNode field(JsonNode item, String dotted) {
    JsonNode node = item;
    for (String name : dotted.split("\\.")) {
      node = node == null ? null : node.get(name);
    }
    return node;
  }

  private static void add(List<JsonNode> into, JsonNode node) {
    if (node != null && !node.isNull() && !node.isMissingNode()) {
      into.add(node);
    }
  }
}

package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wasabioperator.apiserver.CrdValidator.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The uniqueness a list type promises: items of an {@code x-kubernetes-list-type: map} list differ in their
 * {@code x-kubernetes-list-map-keys}, items of a {@code set} differ. The server reports each repeat as
 * {@code conditions[1]: Duplicate value: map[string]interface {}{"type":"Ready"}}.
 */
final class ListUniqueness {
  static final String DUPLICATE = "duplicate";

  private ListUniqueness() {}

  static void check(JsonNode schema, JsonNode value, String path, List<Violation> violations) {
    if (value == null) {
      return;
    }
    if (value.isArray()) {
      String listType = schema.path("x-kubernetes-list-type").asText("");
      Set<JsonNode> seen = new HashSet<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode identity = switch (listType) {
          case "map" -> keys(schema.path("x-kubernetes-list-map-keys"), value.get(i));
          case "set" -> value.get(i);
          default -> null;
        };
        String itemPath = path + "[" + i + "]";
        if (identity != null && !seen.add(identity)) {
          violations.add(new Violation(itemPath, DUPLICATE, "x-kubernetes-list-type: " + listType,
              new FieldError(itemPath, FieldError.Type.DUPLICATE, identity, "")));
        }
        check(schema.path("items"), value.get(i), itemPath, violations);
      }
    } else if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode child = schema.path("properties").has(field.getKey()) ? schema.path("properties").get(field.getKey())
            : schema.path("additionalProperties");
        check(child, field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), violations);
      }
    }
  }

  private static JsonNode keys(JsonNode keyNames, JsonNode item) {
    ObjectNode identity = JsonNodeFactory.instance.objectNode();
    keyNames.forEach(key -> identity.set(key.asText(), item.path(key.asText())));
    return identity;
  }
}

package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops the fields a structural schema does not declare, as the API server does before it stores a custom
 * resource (without strict field validation it warns, and stores what is left), and null values of fields
 * that are not {@code nullable} (a status subresource's write of an object without status leaves one).
 */
final class Pruning {
  private static final Set<String> TYPE_AND_OBJECT_META = Set.of("apiVersion", "kind", "metadata");

  private Pruning() {}

  /**
   * @param embedded whether {@code value} is a whole object (the root, or an embedded resource), whose
   *     apiVersion, kind and metadata are kept
   * @param pruned collects the paths of the fields removed
   */
  static void prune(JsonNode schema, JsonNode value, String path, boolean embedded, List<String> pruned) {
    if (value instanceof ObjectNode object) {
      boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (String name : fieldNames(object)) {
        String child = path.isEmpty() ? name : path + "." + name;
        if (embedded && TYPE_AND_OBJECT_META.contains(name)) {
          continue;
        }
        JsonNode declared = properties.has(name) ? properties.get(name) : additional;
        if (object.get(name).isNull() && !declared.path("nullable").asBoolean(false)) {
          object.remove(name);
          continue;
        }
        if (properties.has(name)) {
          prune(properties.get(name), object.get(name), child, embedded(properties.get(name)), pruned);
        } else if (additional.isObject()) {
          prune(additional, object.get(name), child, embedded(additional), pruned);
        } else if (!preserve && !additional.asBoolean(false)) {
          object.remove(name);
          pruned.add(child);
        }
      }
    } else if (value != null && value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        prune(schema.get("items"), value.get(i), path + "[" + i + "]", embedded(schema.get("items")), pruned);
      }
    }
  }

  private static boolean embedded(JsonNode schema) {
    return schema.path("x-kubernetes-embedded-resource").asBoolean(false);
  }

  private static List<String> fieldNames(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

package io.wasabioperator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wasabioperator.secrets.OwnedFields;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386) applied the way the API server applies it, for unit tests of what the operator sends. */
public final class MergePatch {
  private MergePatch() {}

  public static Secret apply(Secret live, OwnedFields fields) {
    JsonNode target = Serialization.jsonMapper().valueToTree(live);
    JsonNode patch = Serialization.jsonMapper().valueToTree(fields.mergePatch(live.getMetadata().getResourceVersion()));
    return Serialization.jsonMapper().convertValue(merge(target, patch), Secret.class);
  }

  /** RFC 7386: objects merge, null removes a member, anything else replaces it. */
  public static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
        : Serialization.jsonMapper().createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}

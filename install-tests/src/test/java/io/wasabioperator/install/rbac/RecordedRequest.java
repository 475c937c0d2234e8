package io.wasabioperator.install.rbac;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.wasabioperator.apiserver.rbac.RequestAttributes;
import java.util.List;

/**
 * One request the operator made to the API server, as the operator's end-to-end tests record it.
 *
 * @param query the raw, URL-encoded query, or null
 * @param status the HTTP status the test API server answered
 * @param bodyOwnerReferences the request body's metadata.ownerReferences; null when the body has none
 * @param storedOwnerReferences the object's owner references before the request; null when it did not exist
 */
public record RecordedRequest(String method, String path, String query, int status,
    List<OwnerReference> bodyOwnerReferences, List<OwnerReference> storedOwnerReferences) {

  private static final TypeReference<List<OwnerReference>> OWNER_REFERENCES = new TypeReference<>() {};

  static RecordedRequest parse(ObjectMapper mapper, JsonNode line) {
    return new RecordedRequest(
        required(line, "method").asText(),
        required(line, "path").asText(),
        line.path("query").isTextual() ? line.get("query").asText() : null,
        required(line, "status").asInt(),
        ownerReferences(mapper, line.get("bodyOwnerReferences")),
        ownerReferences(mapper, line.get("storedOwnerReferences")));
  }

  public RequestAttributes attributes() {
    return RequestAttributes.of(method, path, query);
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
  }

  private static JsonNode required(JsonNode line, String field) {
    JsonNode value = line.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("no \"" + field + "\" in " + line);
    }
    return value;
  }

  private static List<OwnerReference> ownerReferences(ObjectMapper mapper, JsonNode references) {
    return references == null || references.isNull() ? null : mapper.convertValue(references, OWNER_REFERENCES);
  }
}

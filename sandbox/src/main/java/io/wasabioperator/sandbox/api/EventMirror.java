package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One store of Events served in both versions, as the API server does: the operator writes
 * {@code events.k8s.io/v1} Events, kubectl describe and get read core {@code v1} ones. The conversion
 * is the API server's (regarding to involvedObject, note to message, the deprecated fields to theirs).
 */
final class EventMirror {
  private static final Map<String, String> RENAMED = Map.of(
      "regarding", "involvedObject",
      "note", "message",
      "deprecatedFirstTimestamp", "firstTimestamp",
      "deprecatedLastTimestamp", "lastTimestamp",
      "deprecatedCount", "count",
      "deprecatedSource", "source");

  private EventMirror() {}

  static boolean isEventsV1(JsonNode object) {
    return "events.k8s.io/v1".equals(object.path("apiVersion").asText());
  }

  /** The core v1 form of an {@code events.k8s.io/v1} Event; any other object is returned as it is. */
  static JsonNode toCoreV1(JsonNode event) {
    if (!isEventsV1(event)) {
      return event;
    }
    ObjectNode core = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Event");
    event.fields().forEachRemaining(field -> {
      if (!field.getKey().equals("apiVersion") && !field.getKey().equals("kind")) {
        core.set(RENAMED.getOrDefault(field.getKey(), field.getKey()), field.getValue());
      }
    });
    if (event.has("reportingController")) {
      core.set("reportingComponent", event.get("reportingController"));
      core.remove("reportingController");
      if (!core.has("source")) {
        core.putObject("source").set("component", event.get("reportingController"));
      }
    }
    return core;
  }

  /**
   * Whether a core v1 Event matches a field selector such as
   * {@code involvedObject.name=x,involvedObject.namespace=demo} ({@code =}, {@code ==} and {@code !=}).
   */
  static boolean matches(JsonNode coreEvent, String fieldSelector) {
    if (fieldSelector == null || fieldSelector.isBlank()) {
      return true;
    }
    for (String term : fieldSelector.split(",")) {
      boolean negated = term.contains("!=");
      String[] sides = term.split(negated ? "!=" : "==?", 2);
      if (sides.length < 2) {
        continue;
      }
      String field = sides[0].trim().equals("source") ? "source.component" : sides[0].trim();
      JsonNode node = coreEvent;
      for (String name : field.split("\\.")) {
        node = node.path(name);
      }
      boolean equal = (node.isValueNode() ? node.asText() : "").equals(sides[1].trim());
      if (equal == negated) {
        return false;
      }
    }
    return true;
  }
}

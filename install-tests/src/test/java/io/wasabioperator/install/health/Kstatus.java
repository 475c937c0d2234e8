package io.wasabioperator.install.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * kstatus's verdict on a custom resource, as Flux health checks and other kstatus users compute it: a
 * port of {@code Compute} in sigs.k8s.io/cli-utils {@code pkg/kstatus/status} ({@code status.go},
 * {@code generic.go}, {@code util.go}), in the same order:
 *
 * <ol>
 *   <li>a non-empty {@code metadata.deletionTimestamp}: Terminating;
 *   <li>{@code status.observedGeneration}, when present, different from {@code metadata.generation}:
 *       InProgress (an absent observedGeneration skips this check);
 *   <li>the first condition that is {@code Reconciling=True} (InProgress) or {@code Stalled=True} (Failed);
 *   <li>the type-specific rules, which exist for built-in kinds only, so none apply here;
 *   <li>the first {@code Ready} condition: True is Current, False and Unknown are InProgress;
 *   <li>otherwise Current: kstatus assumes a resource with none of these is reconciled.
 * </ol>
 */
final class Kstatus {
  enum Status { InProgress, Failed, Current, Terminating }

  /** The status, its message, and the reason of the Reconciling or Stalled condition kstatus derives. */
  record Result(Status status, String message, String reason) {}

  private record BasicCondition(String type, String status, String reason, String message) {}

  private Kstatus() {}

  static Result compute(JsonNode object) {
    JsonNode deletionTimestamp = object.path("metadata").path("deletionTimestamp");
    if (!deletionTimestamp.isMissingNode() && !text(deletionTimestamp, "metadata.deletionTimestamp").isEmpty()) {
      return new Result(Status.Terminating, "Resource scheduled for deletion", null);
    }
    OptionalLong generation = int64(object.path("metadata").path("generation"), "metadata.generation");
    OptionalLong observed = int64(object.path("status").path("observedGeneration"), "status.observedGeneration");
    if (generation.isPresent() && observed.isPresent() && observed.getAsLong() != generation.getAsLong()) {
      return new Result(Status.InProgress, String.format("%s generation is %d, but latest observed generation is %d",
          object.path("kind").asText(), generation.getAsLong(), observed.getAsLong()), "LatestGenerationNotObserved");
    }
    List<BasicCondition> conditions = conditions(object);
    for (BasicCondition condition : conditions) {
      if (condition.type().equals("Reconciling") && condition.status().equals("True")) {
        return new Result(Status.InProgress, condition.message(), condition.reason());
      }
      if (condition.type().equals("Stalled") && condition.status().equals("True")) {
        return new Result(Status.Failed, condition.message(), condition.reason());
      }
    }
    for (BasicCondition condition : conditions) {
      if (!condition.type().equals("Ready")) {
        continue;
      }
      switch (condition.status()) {
        case "True":
          return new Result(Status.Current, "Resource is Ready", null);
        case "False":
        case "Unknown":
          return new Result(Status.InProgress, condition.message(), condition.reason());
        default:
          // any other value: look further
      }
    }
    return new Result(Status.Current, "Resource is current", null);
  }

  /** status.conditions decoded as kstatus's BasicCondition: missing fields are empty strings. */
  private static List<BasicCondition> conditions(JsonNode object) {
    JsonNode list = object.path("status").path("conditions");
    List<BasicCondition> conditions = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return conditions;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("status.conditions is not a list");
    }
    for (JsonNode condition : list) {
      conditions.add(new BasicCondition(field(condition, "type"), field(condition, "status"),
          field(condition, "reason"), field(condition, "message")));
    }
    return conditions;
  }

  private static String field(JsonNode condition, String name) {
    JsonNode value = condition.path(name);
    return value.isMissingNode() || value.isNull() ? "" : text(value, "condition " + name);
  }

  // unstructured.NestedString: present but not a string is an error.
  private static String text(JsonNode value, String path) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException(path + " is not a string: " + value);
    }
    return value.textValue();
  }

  // unstructured.NestedInt64: absent is "not found", present but not an integer is an error.
  private static OptionalLong int64(JsonNode value, String path) {
    if (value.isMissingNode()) {
      return OptionalLong.empty();
    }
    if (!value.isIntegralNumber()) {
      throw new IllegalArgumentException(path + " is not an integer: " + value);
    }
    return OptionalLong.of(value.longValue());
  }
}

package io.wasabioperator.install.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * Whether {@code kubectl wait --for=condition=<name>[=<status>]} is satisfied by an object: a port of
 * {@code ConditionalWait.checkCondition} in k8s.io/kubectl {@code pkg/cmd/wait/condition.go}. The first
 * condition of that type decides; it does not count while its observedGeneration (or, without one,
 * status.observedGeneration) is behind metadata.generation. Type and status compare case-insensitively.
 */
final class KubectlWait {
  private KubectlWait() {}

  static boolean satisfied(JsonNode object, String conditionName) {
    return satisfied(object, conditionName, "True");
  }

  static boolean satisfied(JsonNode object, String conditionName, String conditionStatus) {
    JsonNode conditions = object.path("status").path("conditions");
    if (conditions.isMissingNode()) {
      return false;
    }
    if (!conditions.isArray()) {
      throw new IllegalArgumentException("status.conditions is not a list");
    }
    for (JsonNode condition : conditions) {
      JsonNode type = condition.path("type");
      if (!type.isTextual() || !type.textValue().equalsIgnoreCase(conditionName)) {
        continue;
      }
      JsonNode status = condition.path("status");
      if (!status.isTextual()) {
        continue;
      }
      JsonNode generation = object.path("metadata").path("generation");
      if (generation.isIntegralNumber()) {
        OptionalLong observed = observedGeneration(object, condition);
        if (observed.isPresent() && observed.getAsLong() < generation.longValue()) {
          return false;
        }
      }
      return status.textValue().equalsIgnoreCase(conditionStatus);
    }
    return false;
  }

  private static OptionalLong observedGeneration(JsonNode object, JsonNode condition) {
    JsonNode own = condition.path("observedGeneration");
    if (own.isIntegralNumber()) {
      return OptionalLong.of(own.longValue());
    }
    JsonNode status = object.path("status").path("observedGeneration");
    return status.isIntegralNumber() ? OptionalLong.of(status.longValue()) : OptionalLong.empty();
  }
}

package io.wasabioperator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets Kubernetes conditions the way kstatus and kubectl expect: one entry per type, and a
 * {@code lastTransitionTime} that moves only when the condition's status changes.
 */
public final class Conditions {
  /**
   * kstatus's abnormal-true condition: present, and True, only while the resource cannot get better
   * without a person (a spec to fix, a grant to give, a conflict to resolve), so that Flux fails fast.
   */
  public static final String STALLED = "Stalled";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /**
   * Puts the condition into the list in place. {@code previous} holds the conditions of the last
   * status, whose transition times are kept when the status stays the same.
   */
  public static void set(List<Condition> conditions, List<Condition> previous, String type, String status,
      String reason, String message, Long observedGeneration, Instant now) {
    String transitionTime = find(previous, type)
        .filter(old -> Objects.equals(old.getStatus(), status) && old.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElseGet(() -> timestamp(now));
    Condition condition = new Condition(transitionTime, message, observedGeneration, reason, status, type);
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(condition);
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** RFC 3339 in UTC with second precision, as Kubernetes writes its own times. */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}

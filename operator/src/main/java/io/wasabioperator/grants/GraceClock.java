package io.wasabioperator.grants;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each integration was first found uncovered by every grant while its status still named one: the
 * start of its own grace, which churn of other grants cannot restart. Kept in memory: after a restart or
 * a leader handover the grace starts again when the new leader first looks.
 */
public final class GraceClock {
  private final Map<String, Instant> uncoveredSince = new ConcurrentHashMap<>();

  /** When the integration (by UID) was first found uncovered; {@code now} if this is the first time. */
  public Instant uncovered(String uid, Instant now) {
    // Entries of integrations deleted during their grace would stay: drop any far past a grace.
    uncoveredSince.values().removeIf(since -> since.plus(GrantDecision.GRACE.multipliedBy(2)).isBefore(now));
    return uncoveredSince.computeIfAbsent(uid, key -> now);
  }

  /** The integration is covered again, or its grace has been decided: a later gap gets a grace of its own. */
  public void settled(String uid) {
    uncoveredSince.remove(uid);
  }

  int size() {
    return uncoveredSince.size();
  }
}

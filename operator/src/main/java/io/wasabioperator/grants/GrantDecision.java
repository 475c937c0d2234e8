package io.wasabioperator.grants;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an integration on the platform identity is granted, deciding on facts rather than gaps:
 * before the grant informer has listed, nothing is refused, and a grant that went away is missed
 * only after a grace period in which a replaced grant (deleted and created again, as Argo CD or Helm
 * may do) can come back. The grace is the integration's own: it runs from when it was first found
 * uncovered, at most 30 s. Pure.
 */
public final class GrantDecision {
  /** How long a grant may be gone before what it granted is refused. */
  public static final Duration GRACE = Duration.ofSeconds(30);
  private static final Duration UNTIL_SYNCED = Duration.ofSeconds(1);

  private GrantDecision() {}

  public sealed interface Outcome {
    record Granted(Grant grant) implements Outcome {}

    /** Keep the status as it is and decide again after this long. */
    record Wait(Duration delay) implements Outcome {}

    record NotGranted() implements Outcome {}
  }

  /**
   * @param covering the grant that covers the integration now, if any
   * @param synced whether the grant informer has listed
   * @param wasGranted whether status records a grant for the integration's current generation
   * @param uncoveredSince when this integration was first found uncovered (see {@link GraceClock})
   */
  public record Inputs(Optional<Grant> covering, boolean synced, boolean wasGranted, Instant uncoveredSince,
      Instant now) {}

  public static Outcome of(Inputs in) {
    if (in.covering().isPresent()) {
      return new Outcome.Granted(in.covering().get());
    }
    if (!in.synced()) {
      return new Outcome.Wait(UNTIL_SYNCED);
    }
    if (in.wasGranted()) {
      Instant graceEnds = in.uncoveredSince().plus(GRACE);
      if (in.now().isBefore(graceEnds)) {
        return new Outcome.Wait(Duration.between(in.now(), graceEnds));
      }
    }
    return new Outcome.NotGranted();
  }
}

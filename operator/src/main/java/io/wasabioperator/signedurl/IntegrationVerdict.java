package io.wasabioperator.signedurl;

import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a request, or a call to the signing API, may sign with its integration now, from what the informer
 * holds of it. Pure.
 */
public final class IntegrationVerdict {
  private IntegrationVerdict() {}

  public sealed interface Verdict {
    /** Sign with this target. */
    record Usable(IntegrationTarget target) implements Verdict {}

    /** The integration is being verified: look again then, writing nothing meanwhile. */
    record Wait(Duration delay) implements Verdict {}

    /**
     * No URLs from this integration; {@code retryable} when that may change by itself, {@code revokes}
     * when access has ended and URLs issued before must be withdrawn, not left to expire.
     */
    record Refused(SignedUrlReason reason, String message, boolean retryable, boolean revokes) implements Verdict {}
  }

  /**
   * What the decision is made from.
   *
   * @param integration the integration the request names, if it exists
   * @param validation that integration's spec, validated
   * @param quietUntil how long waiting for a verification loses nothing: until the URLs held are due,
   *     or, for a new request, as long as a probe can take
   * @param longestWait the longest to wait before looking again
   * @param granted whether the target may sign as it stands: its own key pair, or a grant covering it
   *     now (the integration's status may predate a grant's removal, say across a restart)
   * @param shard the label selector of the resources this operator handles, when it is one of several
   */
  public record Inputs(SigningIntent intent, String namespace, Optional<WasabiStorageIntegration> integration,
      Optional<Validation> validation, Instant quietUntil, Instant now, Duration longestWait, boolean granted,
      Optional<String> shard) {}

  public static Verdict of(Inputs in) {
    String name = in.intent().integrationName();
    if (in.integration().isEmpty()) {
      return new Verdict.Refused(SignedUrlReason.IntegrationNotFound, "WasabiStorageIntegration " + name
          + " does not exist in namespace " + in.namespace() + in.shard().map(selector -> " among the resources of "
              + "this operator's shard (label selector " + selector + "); give the request the same shard label as "
              + "its integration, ").orElse("; ")
          + "create it or fix spec.integrationRef.name", true, true);
    }
    WasabiStorageIntegration integration = in.integration().get();
    if (integration.getMetadata().getDeletionTimestamp() != null) {
      // Deleted, and held only by someone else's finalizer: as good as gone, whatever its status says.
      List<String> finalizers = Optional.ofNullable(integration.getMetadata().getFinalizers()).orElse(List.of());
      // At most three named: the message must stay within a condition's 32 KiB whatever holds it.
      String named = String.join(", ", finalizers.subList(0, Math.min(3, finalizers.size())))
          + (finalizers.size() > 3 ? " and " + (finalizers.size() - 3) + " more" : "");
      return new Verdict.Refused(SignedUrlReason.IntegrationDeleting, "WasabiStorageIntegration " + name
          + " is being deleted" + (finalizers.isEmpty() ? "" : " (held by the finalizer"
              + (finalizers.size() == 1 ? " " : "s ") + named + ")")
          + ": nothing is signed with it; point spec.integrationRef at another integration", false, true);
    }
    // What the spec no longer grants is known from the spec alone, before the integration is verified.
    if (in.validation().orElse(null) instanceof Validation.Valid current) {
      Optional<RequestGate.Refusal> refusal = in.intent().refusalBy(current.target());
      if (refusal.isPresent()) {
        return new Verdict.Refused(refusal.get().reason(), refusal.get().message(), false, true);
      }
    }
    // Reporting IntegrationNotReady while a new or edited integration is verified would cost every
    // request two writes and a Warning; its status change wakes them. Only while nothing is lost by it,
    // so that a verification that never ends is still reported.
    if (IntegrationReadiness.isPending(integration) && in.now().isBefore(in.quietUntil())) {
      Duration wait = Duration.between(in.now(), in.quietUntil());
      return new Verdict.Wait(wait.compareTo(in.longestWait()) < 0 ? wait : in.longestWait());
    }
    Optional<SignedUrlReason> revoked = IntegrationReadiness.revocation(integration);
    if (revoked.isPresent() && in.validation().orElse(null) instanceof Validation.Valid valid
        && (!IntegrationReadiness.OWN_CREDENTIALS_REASONS.contains(revoked.get())
            || valid.target().ownCredentials().isPresent())) {
      return new Verdict.Refused(revoked.get(), "WasabiStorageIntegration " + name + " "
          + IntegrationReadiness.blocker(integration).orElseThrow(), false, true);
    }
    Optional<String> blocker = IntegrationReadiness.blocker(integration);
    if (!(in.validation().orElse(null) instanceof Validation.Valid valid) || blocker.isPresent()) {
      return new Verdict.Refused(SignedUrlReason.IntegrationNotReady, "WasabiStorageIntegration " + name + " "
          + blocker.orElse("is not valid"), true, false);
    }
    if (!in.granted()) {
      // Not withdrawn here: the integration decides that, after the grace a replaced grant gets.
      return new Verdict.Refused(SignedUrlReason.PlatformIdentityNotGranted, "no platform identity grant covers "
          + "WasabiStorageIntegration " + name + " now; nothing is signed until one does", true, false);
    }
    return new Verdict.Usable(valid.target());
  }
}

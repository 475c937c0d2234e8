package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Condition;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a SignedUrlRequest's next status from what the Secret holds and what this reconcile found. */
final class SignedUrlStatusBuilder {
  private final SignedUrlRequestStatus next = new SignedUrlRequestStatus();
  private final List<Condition> previousConditions;
  private final long generation;
  private final Instant now;
  private boolean stalled;
  private final SignedUrlRequestStatus old;

  SignedUrlStatusBuilder(SignedUrlRequestStatus previous, Long generation, Instant now, String secretName) {
    old = previous == null ? new SignedUrlRequestStatus() : previous;
    this.previousConditions = old.getConditions() == null ? List.of() : old.getConditions();
    this.generation = generation == null ? 0 : generation;
    this.now = now;
    next.setObservedGeneration(this.generation);
    next.setConditions(new ArrayList<>());
    next.setSecretName(secretName);
    next.setRevision(old.getRevision());
    next.setLastRenewRequest(old.getLastRenewRequest());
    // Failures count until a success clears them; they drive the backoff.
    next.setFailedIssuanceAttempts(old.getFailedIssuanceAttempts());
    next.setLastFailureTime(old.getLastFailureTime());
  }

  /** Describes the URLs the Secret holds (or held, when they were withdrawn). */
  SignedUrlStatusBuilder urls(Optional<IssuedUrls> issued, Optional<Instant> renewalTime) {
    issued.ifPresent(urls -> {
      next.setRevision(Math.max(urls.revision(), next.getRevision() == null ? 0 : next.getRevision()));
      next.setLastRenewRequest(urls.renewRequest().orElse(null));
      if (urls.intact()) {
        next.setNotBefore(Conditions.timestamp(urls.notBefore()));
        next.setNotAfter(Conditions.timestamp(urls.notAfter()));
        next.setObjectCount(urls.objectCount());
        // While a renewal fails, the URLs keep the renewal time they were due at: it says how late it is.
        next.setRenewalTime(renewalTime.map(Conditions::timestamp)
            .orElse(Long.valueOf(urls.revision()).equals(old.getRevision()) ? old.getRenewalTime() : null));
      }
    });
    return this;
  }

  /**
   * @param signed what was just signed and why; empty when nothing was, and an Issuing condition that
   *     already says Issued keeps its message, so a reconcile that changes nothing writes nothing
   */
  SignedUrlStatusBuilder issued(Optional<String> signed, String message) {
    next.setFailedIssuanceAttempts(null);
    next.setLastFailureTime(null);
    set(SignedUrlConditions.READY, Conditions.TRUE, SignedUrlReason.Issued, message);
    Optional<Condition> issuedBefore = Conditions.find(previousConditions, SignedUrlConditions.ISSUING)
        .filter(c -> Conditions.FALSE.equals(c.getStatus()) && SignedUrlReason.Issued.name().equals(c.getReason()));
    String issuing = signed.or(() -> issuedBefore.map(Condition::getMessage))
        .orElse("the URLs in the Secret are current");
    set(SignedUrlConditions.ISSUING, Conditions.FALSE, SignedUrlReason.Issued, issuing);
    return this;
  }

  /** New URLs are being made; Ready stays True while the old ones are valid. */
  SignedUrlStatusBuilder issuing(SignedUrlReason why, String message, boolean currentUrlsValid) {
    if (currentUrlsValid) {
      set(SignedUrlConditions.READY, Conditions.TRUE, SignedUrlReason.Issued,
          "the URLs in the Secret stay valid while new ones are made");
    } else {
      // No usable URL yet: Ready keeps saying why, or says it is not known yet, so that kstatus and
      // kubectl wait see a resource in progress rather than one without a verdict.
      Conditions.find(previousConditions, SignedUrlConditions.READY).ifPresentOrElse(next.getConditions()::add,
          () -> set(SignedUrlConditions.READY, Conditions.UNKNOWN, why, message));
    }
    set(SignedUrlConditions.ISSUING, Conditions.TRUE, why, message);
    return this;
  }

  /** No new URLs, but the old ones are still valid: Ready stays True, Issuing reports the failure. */
  SignedUrlStatusBuilder renewalFailing(SignedUrlReason reason, String message, String validUntil, int attempts) {
    set(SignedUrlConditions.READY, Conditions.TRUE, SignedUrlReason.Issued,
        "the URLs in the Secret stay valid until " + validUntil + "; renewing them failed: " + message);
    set(SignedUrlConditions.ISSUING, Conditions.FALSE, reason, message);
    failed(attempts);
    return this;
  }

  /** @param attempts failed attempts so far; 0 when trying again cannot help, which makes the request Stalled */
  SignedUrlStatusBuilder failed(SignedUrlReason readyReason, String readyMessage, SignedUrlReason reason,
      String message, int attempts) {
    set(SignedUrlConditions.READY, Conditions.FALSE, readyReason, readyMessage);
    set(SignedUrlConditions.ISSUING, Conditions.FALSE, reason, message);
    failed(attempts);
    stalled = attempts == 0;
    return this;
  }

  SignedUrlRequestStatus build() {
    if (stalled) {
      Condition ready = Conditions.find(next.getConditions(), SignedUrlConditions.READY).orElseThrow();
      Conditions.set(next.getConditions(), previousConditions, Conditions.STALLED, Conditions.TRUE, ready.getReason(),
          ready.getMessage(), generation, now);
    }
    return next;
  }

  private void failed(int attempts) {
    if (attempts > 0) {
      next.setFailedIssuanceAttempts(attempts);
      next.setLastFailureTime(Conditions.timestamp(now));
    } else {
      next.setFailedIssuanceAttempts(null);
      next.setLastFailureTime(null);
    }
  }

  private void set(String type, String status, SignedUrlReason reason, String message) {
    Conditions.set(next.getConditions(), previousConditions, type, status, reason.name(), message, generation, now);
  }
}

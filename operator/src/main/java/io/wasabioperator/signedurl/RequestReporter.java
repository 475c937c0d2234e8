package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.status.EventRecorder;
import io.wasabioperator.status.StatusWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns how a reconcile ended into the request's status, a Warning Event when it turns not Ready, and
 * when to look again. URLs that expired unrenewed are taken out of the Secret on the way.
 */
final class RequestReporter {
  private static final Logger log = LoggerFactory.getLogger(RequestReporter.class);

  private final OperatorConfig config;
  private final EventRecorder events;
  private final UrlSecretWriter writer;

  RequestReporter(OperatorConfig config, EventRecorder events, UrlSecretWriter writer) {
    this.config = config;
    this.events = events;
    this.writer = writer;
  }

  /** The Secret holds current URLs: report them and come back at renewal time. */
  UpdateControl<SignedUrlRequest> upToDate(Observed o, Instant renewalTime) {
    return upToDate(o, renewalTime, Optional.empty());
  }

  /** @param signed what was just signed and why, for the Issuing condition; empty when nothing was */
  UpdateControl<SignedUrlRequest> upToDate(Observed o, Instant renewalTime, Optional<String> signed) {
    IssuedUrls urls = o.issued().orElseThrow();
    RequestPlan plan = o.plan().orElseThrow();
    SignedUrlStatusBuilder status = status(o).urls(o.issued(), Optional.of(renewalTime)).issued(signed, "Secret "
        + o.secretName() + " holds a " + plan.method() + " URL for " + plan.key() + (urls.objectCount() > 1
            ? " and " + (urls.objectCount() - 1) + " companion files" : "")
        + ", valid until " + Conditions.timestamp(urls.notAfter()) + "; it is renewed at "
        + Conditions.timestamp(renewalTime));
    return finish(o, status.build(), Optional.of(Duration.between(o.now(), renewalTime)));
  }

  /**
   * Shows Issuing=True with why new URLs are being made, before making them. Empty when the status
   * moved on meanwhile: nothing may be issued from the stale one.
   */
  Optional<Observed> markIssuing(Observed o, SignedUrlReason why) {
    SignedUrlStatusBuilder status = status(o).urls(o.issued(), Optional.empty());
    boolean valid = o.issued().map(urls -> urls.isValidAt(o.now())).orElse(false);
    status.issuing(why, "signing new URLs: " + describe(why, o.issued().isEmpty()), valid);
    return StatusWriter.write(o.request(), status.build(), o.context()).map(o::withRequest);
  }

  /** Foreign Secrets are not watched: whether the name was freed is asked again after the longest retry interval. */
  UpdateControl<SignedUrlRequest> secretNameConflict(Observed o) {
    return fail(o, SignedUrlReason.SecretNameConflict, "Secret " + o.secretName() + " already exists and belongs to "
        + "someone else; the operator leaves it alone. Set spec.secretName to a free name, or delete that Secret",
        false, Optional.of(config.probeRetry().max()));
  }

  /** Cannot issue until the spec, the integration or a Secret changes; those changes wake the request. */
  UpdateControl<SignedUrlRequest> blocked(Observed o, SignedUrlReason reason, String message) {
    return fail(o, reason, message, false, Optional.empty());
  }

  /**
   * Access has ended: URLs still valid are taken out of the Secret now rather than left until they
   * expire. What wakes the request again is a change of the spec or the integration.
   */
  UpdateControl<SignedUrlRequest> revoked(Observed o, SignedUrlReason reason, String message) {
    Optional<IssuedUrls> urls = o.issued();
    if (urls.isEmpty() || !urls.get().intact() || !o.now().isBefore(urls.get().notAfter())) {
      return blocked(o, reason, message);
    }
    if (!writer.withdraw(o.secret().orElseThrow(), "access ended (" + reason + ")")) {
      return secretChangedMeanwhile();
    }
    SignedUrlStatusBuilder status = status(o).urls(Optional.of(withdrawnRecord(urls.get())), Optional.empty())
        .failed(reason, "the URLs were withdrawn from Secret " + o.secretName() + ": " + message, reason, message, 0);
    return finish(o, status.build(), Optional.empty());
  }

  /** Cannot issue now; may work later by itself: retry with backoff. */
  UpdateControl<SignedUrlRequest> retry(Observed o, SignedUrlReason reason, String message) {
    return fail(o, reason, message, true, Optional.empty());
  }

  private UpdateControl<SignedUrlRequest> fail(Observed o, SignedUrlReason reason, String message,
      boolean retryable, Optional<Duration> lookAgain) {
    int previousAttempts = Optional.ofNullable(o.request().getStatus())
        .map(SignedUrlRequestStatus::getFailedIssuanceAttempts).orElse(0);
    int attempts = retryable ? previousAttempts + 1 : 0;
    Optional<Duration> recheck = retryable
        ? Optional.of(RenewalSchedule.retryAfter(attempts, config.probeRetry())) : lookAgain;
    SignedUrlStatusBuilder status = status(o);
    Optional<IssuedUrls> urls = o.issued();
    if (urls.isPresent() && !o.now().isBefore(urls.get().notAfter())) {
      if (urls.get().intact() && !writer.withdraw(o.secret().orElseThrow(), "they expired unrenewed")) {
        return secretChangedMeanwhile();
      }
      String expiredAt = Conditions.timestamp(urls.get().notAfter());
      status.urls(Optional.of(withdrawnRecord(urls.get())), Optional.empty()).failed(SignedUrlReason.Expired,
          "the URLs expired at " + expiredAt + " and could not be renewed, so they were removed from Secret "
              + o.secretName() + ": " + message, reason, message, attempts);
    } else if (urls.isPresent() && urls.get().intact()) {
      Duration untilExpiry = Duration.between(o.now(), urls.get().notAfter());
      recheck = Optional.of(recheck.filter(r -> r.compareTo(untilExpiry) < 0).orElse(untilExpiry));
      status.urls(urls, Optional.empty());
      if (retryable) {
        status.renewalFailing(reason, message, Conditions.timestamp(urls.get().notAfter()), attempts);
      } else {
        status.failed(reason, message, reason, message, attempts);
      }
    } else {
      status.urls(urls, Optional.empty()).failed(reason, message, reason, message, attempts);
    }
    log.debug("Not issued: {}", reason);
    return finish(o, status.build(), recheck);
  }

  /** A Warning Event when Ready turns False or changes its reason, not on every retry. */
  private void warnOnFailure(SignedUrlRequest request, SignedUrlRequestStatus before, SignedUrlRequestStatus after) {
    Optional<Condition> ready = Conditions.find(after.getConditions(), SignedUrlConditions.READY);
    Optional<Condition> old = Conditions.find(before == null ? null : before.getConditions(), SignedUrlConditions.READY);
    if (ready.isPresent() && Conditions.FALSE.equals(ready.get().getStatus())
        && (old.isEmpty() || !Objects.equals(old.get().getStatus(), ready.get().getStatus())
            || !Objects.equals(old.get().getReason(), ready.get().getReason()))) {
      events.warning(request, ready.get().getReason(), ready.get().getMessage());
    }
  }

  private static IssuedUrls withdrawnRecord(IssuedUrls urls) {
    return new IssuedUrls(urls.revision(), urls.notBefore(), urls.notAfter(), urls.objectCount(), urls.specHash(),
        urls.integrationHash(), urls.renewRequest(), false);
  }

  private static SignedUrlStatusBuilder status(Observed o) {
    return new SignedUrlStatusBuilder(o.request().getStatus(), o.request().getMetadata().getGeneration(), o.now(),
        o.secretName());
  }

  private UpdateControl<SignedUrlRequest> finish(Observed o, SignedUrlRequestStatus next, Optional<Duration> recheck) {
    if (!next.equals(o.request().getStatus())) {
      Optional<SignedUrlRequest> written = StatusWriter.write(o.request(), next, o.context());
      if (written.isEmpty()) {
        return reconcileAgain();
      }
      warnOnFailure(written.get(), o.request().getStatus(), next);
    }
    Duration max = config.maxRecheckInterval();
    Duration delay = recheck.filter(d -> d.compareTo(max) < 0).orElse(max);
    return UpdateControl.<SignedUrlRequest>noUpdate()
        .rescheduleAfter(delay.isNegative() || delay.isZero() ? Duration.ofMillis(1) : delay);
  }

  /** Why new URLs are signed, in words for the Issuing condition. */
  static String describe(SignedUrlReason why, boolean first) {
    return switch (why) {
      case SpecChanged -> first ? "the request's first URLs" : "the spec changed";
      case IntegrationChanged -> "the integration's endpoint, bucket, mode or key pair changed";
      case ManuallyTriggered -> "renewal was requested through " + SignedUrlRequest.RENEW_REQUESTED_AT;
      default -> "the URLs were due for renewal";
    };
  }

  /** The Secret changed, or went, meanwhile: decide again once the informer shows it, shortly. */
  static UpdateControl<SignedUrlRequest> secretChangedMeanwhile() {
    return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
  }

  /** Another replica wrote a newer status meanwhile: decide again from it. */
  static UpdateControl<SignedUrlRequest> reconcileAgain() {
    return UpdateControl.<SignedUrlRequest>noUpdate().rescheduleAfter(Duration.ofMillis(1));
  }
}

package io.wasabioperator.signedurl;

import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.status.EventRecorder;
import io.wasabioperator.storage.StorageCredentials;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuance, in order: show the progress where signing waits on S3, sign, write the Secret, drop a
 * former Secret, count it, record the Event of a request's first URLs, report the result.
 */
final class Issuance {
  private static final Logger log = LoggerFactory.getLogger(Issuance.class);

  private final UrlIssuer issuer;
  private final UrlSecretWriter writer;
  private final RequestReporter reporter;
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  Issuance(UrlIssuer issuer, UrlSecretWriter writer, RequestReporter reporter, EventRecorder events,
      OperatorMetrics metrics) {
    this.issuer = issuer;
    this.writer = writer;
    this.reporter = reporter;
    this.events = events;
    this.metrics = metrics;
  }

  /** Signs new URLs for {@code why}, puts them in the Secret and reports them. */
  UpdateControl<SignedUrlRequest> run(Observed attempt, SignedUrlReason why, IntegrationTarget target,
      StorageCredentials credentials, String specHash, String integrationHash) {
    RequestPlan plan = attempt.plan().orElseThrow();
    boolean wasReady = Conditions.find(Optional.ofNullable(attempt.request().getStatus())
        .map(SignedUrlRequestStatus::getConditions).orElse(null), SignedUrlConditions.READY)
        .map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
    // Progress is worth a write of its own only where the issuance waits on S3 (a slide's listing):
    // signing a single object is arithmetic, and the result follows at once.
    if (plan.miraxSlide() && !attempt.isRetry()) {
      Optional<Observed> shown = reporter.markIssuing(attempt, why);
      if (shown.isEmpty()) {
        return RequestReporter.reconcileAgain();
      }
      attempt = shown.get();
    }
    long revision = Math.max(attempt.issued().map(IssuedUrls::revision).orElse(0L),
        Optional.ofNullable(attempt.request().getStatus()).map(SignedUrlRequestStatus::getRevision).orElse(0L)) + 1;
    UrlIssuer.Result result = issuer.issue(attempt.request(), new UrlIssuer.Inputs(plan, target,
        credentials, revision, specHash, integrationHash,
        Optional.ofNullable(RequestEventSources.renewRequest(attempt.request())), attempt.now()));
    if (result instanceof UrlIssuer.Result.Refused refused) {
      return refused.retryable() ? reporter.retry(attempt, refused.reason(), refused.message())
          : reporter.blocked(attempt, refused.reason(), refused.message());
    }
    UrlIssuer.Result.Signed signed = (UrlIssuer.Result.Signed) result;
    switch (writer.write(attempt.request(), attempt.secret(), signed)) {
      case NAME_TAKEN:
        return reporter.secretNameConflict(attempt);
      case CHANGED_MEANWHILE:
        return RequestReporter.secretChangedMeanwhile();
      default:
        break;
    }
    IssuedUrls issued = signed.issued();
    int objects = issued.objectCount();
    Instant notAfter = issued.notAfter();
    metrics.urlsIssued(why.name(), attempt.issued().isPresent() || revision > 1, objects);
    log.info("Issued revision {} ({}, {} object{}), valid until {}", revision, why, objects,
        objects == 1 ? "" : "s", Conditions.timestamp(notAfter));
    // One Event in a request's routine life, for its first URLs (and one when it recovers from a
    // failure): renewals, spec changes and new key pairs are counted by the log and the metrics.
    if (revision == 1 || !wasReady) {
      events.normal(attempt.request(), SignedUrlReason.Issued.name(), "revision " + revision + " (" + why + "): "
          + objects + " URL" + (objects == 1 ? "" : "s") + " in Secret " + plan.secretName()
          + ", valid until " + Conditions.timestamp(notAfter));
    }
    return reporter.upToDate(attempt.withIssued(issued), RenewalSchedule.renewalTime(issued, plan, attempt.request().getMetadata().getUid()),
        Optional.of("revision " + revision + " signed: " + RequestReporter.describe(why, revision == 1)));
  }
}

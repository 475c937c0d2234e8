package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What one reconcile found of a request. Immutable: a step that learns more (the status it wrote, the
 * URLs it issued, the plan once the spec is valid) makes a new one.
 *
 * @param secret the request's Secret, when it has one
 * @param issued what that Secret holds, when it records an issuance
 * @param plan what the spec asks for; empty while the spec is invalid
 */
record Observed(SignedUrlRequest request, Context<SignedUrlRequest> context, Instant now, String secretName,
    Optional<Secret> secret, Optional<IssuedUrls> issued, Optional<RequestPlan> plan) {

  Observed withRequest(SignedUrlRequest written) {
    return new Observed(written, context, now, secretName, secret, issued, plan);
  }

  Observed withIssued(IssuedUrls urls) {
    return new Observed(request, context, now, secretName, secret, Optional.of(urls), plan);
  }

  Observed withPlan(RequestPlan valid) {
    return new Observed(request, context, now, secretName, secret, issued, Optional.of(valid));
  }

  /** A retry after a failure keeps showing that failure until it succeeds or fails differently. */
  boolean isRetry() {
    return Optional.ofNullable(request.getStatus()).map(SignedUrlRequestStatus::getFailedIssuanceAttempts)
        .orElse(0) > 0;
  }
}

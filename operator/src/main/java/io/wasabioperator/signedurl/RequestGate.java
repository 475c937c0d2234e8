package io.wasabioperator.signedurl;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.integration.IntegrationTarget;
import java.util.Optional;

/** What an integration cannot sign for this request, whatever its state: pure, from the plan and the target. */
final class RequestGate {
  private RequestGate() {}

  /** A refusal that stays until the request or the integration changes. */
  record Refusal(SignedUrlReason reason, String message) {}

  static Optional<Refusal> check(RequestPlan plan, IntegrationTarget target) {
    String integration = plan.integrationName();
    if (plan.method() == HttpMethod.PUT && target.mode() == AccessMode.ReadOnly) {
      return Optional.of(new Refusal(SignedUrlReason.IntegrationReadOnly, "integration " + integration
          + " is ReadOnly, so uploads are not allowed; use method GET, or an integration in ReadWrite mode"));
    }
    if (!plan.key().startsWith(target.accessPrefix())) {
      return Optional.of(new Refusal(SignedUrlReason.KeyOutsideAccessPrefix, "spec.key lies outside '"
          + target.accessPrefix() + "', the only folder integration " + integration
          + " is granted; use a key under it"));
    }
    if (plan.miraxSlide() && !target.mirax()) {
      return Optional.of(new Refusal(SignedUrlReason.MiraxNotEnabled, "spec.key is a MIRAX slide, whose companion "
          + "folder must be listed; set mirax: true on integration " + integration + " (it needs s3:ListBucket)"));
    }
    return Optional.empty();
  }
}

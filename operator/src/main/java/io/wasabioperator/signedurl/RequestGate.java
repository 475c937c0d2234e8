package io.wasabioperator.signedurl;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.integration.IntegrationTarget;
import java.util.Optional;

/**
 * What an integration cannot sign, whatever its state: pure, from what is asked and the target. A
 * SignedUrlRequest and a call to the signing API are judged by the same checks.
 */
public final class RequestGate {
  private RequestGate() {}

  /** A refusal that stays until the request or the integration changes. */
  public record Refusal(SignedUrlReason reason, String message) {}

  static Optional<Refusal> check(RequestPlan plan, IntegrationTarget target) {
    String integration = plan.integrationName();
    return method(plan.method(), target, integration)
        .or(() -> key(plan.key(), "spec.key", target, integration))
        .or(() -> plan.miraxSlide() && !target.mirax()
            ? Optional.of(new Refusal(SignedUrlReason.MiraxNotEnabled, "spec.key is a MIRAX slide, whose companion "
                + "folder must be listed; set mirax: true on integration " + integration
                + " (it needs s3:ListBucket)"))
            : Optional.empty());
  }

  /** Whether the integration's mode allows the method. */
  public static Optional<Refusal> method(HttpMethod method, IntegrationTarget target, String integration) {
    if (method == HttpMethod.PUT && target.mode() == AccessMode.ReadOnly) {
      return Optional.of(new Refusal(SignedUrlReason.IntegrationReadOnly, "integration " + integration
          + " is ReadOnly, so uploads are not allowed; use method GET, or an integration in ReadWrite mode"));
    }
    return Optional.empty();
  }

  /**
   * Whether the key lies in the folder the integration is granted.
   *
   * @param subject how the message names the key: "spec.key", say
   */
  public static Optional<Refusal> key(String key, String subject, IntegrationTarget target, String integration) {
    if (!key.startsWith(target.accessPrefix())) {
      return Optional.of(new Refusal(SignedUrlReason.KeyOutsideAccessPrefix, subject + " lies outside '"
          + target.accessPrefix() + "', the only folder integration " + integration
          + " is granted; use a key under it"));
    }
    return Optional.empty();
  }
}

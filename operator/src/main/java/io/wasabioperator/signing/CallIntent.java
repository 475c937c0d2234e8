package io.wasabioperator.signing;

import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.integration.ObjectPaths;
import io.wasabioperator.signedurl.RequestGate;
import io.wasabioperator.signedurl.SignedUrlReason;
import io.wasabioperator.signedurl.SigningIntent;
import java.util.Optional;

/**
 * A call to the signing API as the rules of a SignedUrlRequest judge it: the integration and method decide the
 * whole call (through {@code IntegrationVerdict}, as for a request), then each key is judged alone, so that
 * one bad key fails only itself. MIRAX slides are signed as the files they are: expanding one lists the
 * bucket, which stays with SignedUrlRequest.
 */
public record CallIntent(String integrationName, HttpMethod method) implements SigningIntent {
  @Override
  public Optional<RequestGate.Refusal> refusalBy(IntegrationTarget target) {
    return RequestGate.method(method, target, integrationName);
  }

  /** Why this key is not signed with the target; empty when it is. */
  public Optional<RequestGate.Refusal> keyRefusal(String key, IntegrationTarget target) {
    Optional<String> problem = ObjectPaths.keyProblem(key);
    if (problem.isPresent()) {
      return Optional.of(new RequestGate.Refusal(SignedUrlReason.InvalidKey, "the key " + problem.get()));
    }
    return RequestGate.key(key, "the key", target, integrationName);
  }
}

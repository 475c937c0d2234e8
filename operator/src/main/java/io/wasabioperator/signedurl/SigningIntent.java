package io.wasabioperator.signedurl;

import io.wasabioperator.integration.IntegrationTarget;
import java.util.Optional;

/**
 * What is to be signed with an integration, as far as {@link IntegrationVerdict} needs it: the integration's
 * name, and what its spec refuses of it whatever the integration's state. A SignedUrlRequest's plan is one; a
 * call to the signing API, whose keys are judged one by one afterwards, is another.
 */
public interface SigningIntent {
  String integrationName();

  /** What the target refuses of the whole of it; empty when it may be signed. */
  Optional<RequestGate.Refusal> refusalBy(IntegrationTarget target);
}

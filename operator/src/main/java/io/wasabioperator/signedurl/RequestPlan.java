package io.wasabioperator.signedurl;

import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.integration.IntegrationTarget;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A validated SignedUrlRequest with every default applied.
 *
 * @param miraxSlide true for a GET of a .mrxs file: its companion folder is signed too
 */
public record RequestPlan(
    String integrationName,
    String key,
    HttpMethod method,
    Optional<String> contentType,
    Duration duration,
    Duration renewBefore,
    String secretName,
    Map<String, String> secretLabels,
    Map<String, String> secretAnnotations,
    boolean miraxSlide) implements SigningIntent {

  @Override
  public Optional<RequestGate.Refusal> refusalBy(IntegrationTarget target) {
    return RequestGate.check(this, target);
  }

  /** The companion folder of a MIRAX slide: the key without ".mrxs", plus "/". */
  public String companionFolder() {
    return key.substring(0, key.length() - MiraxSlides.EXTENSION.length()) + "/";
  }
}

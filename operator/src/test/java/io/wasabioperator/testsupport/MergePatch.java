package io.wasabioperator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wasabioperator.secrets.OwnedFields;

/** The operator's merge patch of a Secret applied as the API server applies it, for unit tests of what it sends. */
public final class MergePatch {
  private MergePatch() {}

  public static Secret apply(Secret live, OwnedFields fields) {
    JsonNode target = Serialization.jsonMapper().valueToTree(live);
    JsonNode patch = Serialization.jsonMapper().valueToTree(fields.mergePatch(live.getMetadata().getResourceVersion()));
    return Serialization.jsonMapper().convertValue(io.wasabioperator.apiserver.MergePatch.apply(target, patch),
        Secret.class);
  }
}

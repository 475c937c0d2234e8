package io.wasabioperator.install.rbac;

import io.wasabioperator.apiserver.rbac.RequestAttributes;
import java.util.List;
import java.util.Map;

/**
 * Lists and watches of Secrets whose label selector does not confine them to the Secrets the operator labels:
 * its own (managed-by) and the credentials users label for it. Anything else would read, and cache, every
 * Secret of a namespace or the cluster.
 */
public final class UnlabelledSecretReads {
  static final Map<String, String> OPERATOR_LABELS = Map.of(
      "app.kubernetes.io/managed-by", "wasabi-operator",
      "storage.wasabi-operator.io/credentials", "true");

  private UnlabelledSecretReads() {}

  public static List<RecordedRequest> in(Recording recording) {
    return recording.requests().stream().filter(UnlabelledSecretReads::readsUnlabelledSecrets).toList();
  }

  static boolean readsUnlabelledSecrets(RecordedRequest request) {
    RequestAttributes attributes = request.attributes();
    boolean listsSecrets = attributes.resourceRequest() && attributes.apiGroup().isEmpty()
        && attributes.resource().equals("secrets") && attributes.subresource().isEmpty()
        && (attributes.verb().equals("list") || attributes.verb().equals("watch"));
    if (!listsSecrets) {
      return false;
    }
    String selector = RequestAttributes.query(request.query()).get("labelSelector");
    return OPERATOR_LABELS.entrySet().stream()
        .noneMatch(label -> LabelSelector.requires(selector, label.getKey(), label.getValue()));
  }
}

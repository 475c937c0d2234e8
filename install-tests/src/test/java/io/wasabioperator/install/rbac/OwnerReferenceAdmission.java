package io.wasabioperator.install.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.apiserver.rbac.RequestAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The authorizations the OwnerReferencesPermissionEnforcement admission plugin (OpenShift, many hardened
 * clusters) asks for when a create, update or patch sets owner references: `delete` on the object itself when
 * an existing object's owner references change, and `update` on the owner's `finalizers` subresource for each
 * owner reference that newly blocks its owner's deletion.
 */
final class OwnerReferenceAdmission {
  private static final Set<String> WRITES = Set.of("create", "update", "patch");
  private static final int NOT_FOUND = 404;

  private OwnerReferenceAdmission() {}

  static List<Check> checks(RecordedRequest request) {
    RequestAttributes attributes = request.attributes();
    // A 404 changed nothing and reached no admission plugin.
    if (!attributes.resourceRequest() || !WRITES.contains(attributes.verb()) || request.status() == NOT_FOUND) {
      return List.of();
    }
    List<OwnerReference> before = Objects.requireNonNullElse(request.storedOwnerReferences(), List.of());
    List<OwnerReference> after = ownerReferencesAfter(request, attributes);
    List<Check> checks = new ArrayList<>();
    if (!after.equals(before) && !attributes.verb().equals("create")) {
      checks.add(new Check(request, RequestAttributes.resource("delete", attributes.apiGroup(),
          attributes.namespace(), attributes.resource(), attributes.subresource(), attributes.name()),
          "OwnerReferencesPermissionEnforcement: changing owner references needs delete on the object"));
    }
    Set<String> alreadyBlocking = before.stream().filter(OwnerReferenceAdmission::blocks).map(OwnerReference::getUid)
        .collect(Collectors.toSet());
    for (OwnerReference owner : after) {
      if (blocks(owner) && !alreadyBlocking.contains(owner.getUid())) {
        checks.add(new Check(request, RequestAttributes.resource("update", group(owner), attributes.namespace(),
            resource(owner), "finalizers", owner.getName()),
            "OwnerReferencesPermissionEnforcement: blockOwnerDeletion on " + owner.getKind() + " "
                + owner.getName() + " needs update on its finalizers"));
      }
    }
    return checks;
  }

  /**
   * The body's owner references; a patch without them keeps the stored ones, a create or update without them
   * has none. A status write keeps the stored ones whatever its body says: the status strategy copies metadata.
   */
  private static List<OwnerReference> ownerReferencesAfter(RecordedRequest request, RequestAttributes attributes) {
    List<OwnerReference> stored = Objects.requireNonNullElse(request.storedOwnerReferences(), List.of());
    if (attributes.subresource().equals("status")) {
      return stored;
    }
    if (request.bodyOwnerReferences() != null) {
      return request.bodyOwnerReferences();
    }
    return attributes.verb().equals("patch") ? stored : List.of();
  }

  private static boolean blocks(OwnerReference reference) {
    return Boolean.TRUE.equals(reference.getBlockOwnerDeletion());
  }

  private static String group(OwnerReference owner) {
    String apiVersion = owner.getApiVersion();
    return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
  }

  /** The operator's kinds by their API classes; any other kind by its lowercase plural. */
  static String resource(OwnerReference owner) {
    Map<String, Class<? extends HasMetadata>> operatorKinds = Map.of(
        HasMetadata.getKind(WasabiStorageIntegration.class), WasabiStorageIntegration.class,
        HasMetadata.getKind(SignedUrlRequest.class), SignedUrlRequest.class);
    Class<? extends HasMetadata> kind = operatorKinds.get(owner.getKind());
    if (kind != null && HasMetadata.getGroup(kind).equals(group(owner))) {
      return HasMetadata.getPlural(kind);
    }
    return owner.getKind().toLowerCase(Locale.ROOT) + "s";
  }
}

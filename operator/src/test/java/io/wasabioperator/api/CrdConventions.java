package io.wasabioperator.api;

import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArrayBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CRD generator cannot emit from the model, added to the CRDs it generates: descriptions of
 * the root, spec and status (for {@code kubectl explain}), {@code date-time} formats on the RFC 3339
 * fields, and conditions as the API conventions define {@code metav1.Condition} (a list map keyed by
 * type, the fields it requires, its enum and limits), so that server-side apply merges them by type
 * and the API server refuses a list with two conditions of one type.
 */
final class CrdConventions {
  private static final Map<String, String> ROOTS = Map.of(
      "WasabiStorageIntegration", "A Wasabi bucket connected to the annotation platform. The operator validates "
          + "it, probes the access its mode needs, renders the bucket policy the owner must attach, and keeps a "
          + "connection Secret for workloads.",
      "SignedUrlRequest", "A presigned GET or PUT URL for one object, or for a MIRAX slide and every file of its "
          + "companion folder, kept in a Secret and renewed by the operator before it expires.",
      "WasabiPlatformGrant", "Lets the integrations of some namespaces use the operator's platform identity on "
          + "some buckets, folders, modes and endpoints. Cluster-scoped: granted by a cluster administrator.");
  private static final String SPEC = "What the user asks for. The operator never writes it.";
  private static final String STATUS = "What the operator observed. Written by the operator only.";

  private CrdConventions() {}

  static void apply(CustomResourceDefinition crd) {
    String kind = crd.getSpec().getNames().getKind();
    crd.getSpec().getVersions().forEach(version -> {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      root.setDescription(ROOTS.get(kind));
      root.getProperties().get("spec").setDescription(SPEC);
      JSONSchemaProps status = root.getProperties().get("status");
      if (status == null) {
        return;
      }
      status.setDescription(STATUS);
      status.getProperties().values().stream()
          .filter(field -> "string".equals(field.getType()) && field.getDescription() != null
              && field.getDescription().contains("RFC 3339"))
          .forEach(field -> field.setFormat("date-time"));
      JSONSchemaProps conditions = status.getProperties().get("conditions");
      if (conditions != null) {
        conditions.setXKubernetesListType("map");
        conditions.setXKubernetesListMapKeys(List.of("type"));
        conditions.setItems(new JSONSchemaPropsOrArrayBuilder().withSchema(condition()).build());
      }
    });
  }

  /** metav1.Condition, as the Kubernetes API conventions define it. */
  private static JSONSchemaProps condition() {
    Map<String, JSONSchemaProps> fields = new LinkedHashMap<>();
    fields.put("lastTransitionTime", new JSONSchemaPropsBuilder().withType("string").withFormat("date-time")
        .withDescription("When the condition last changed from one status to another.").build());
    fields.put("message", new JSONSchemaPropsBuilder().withType("string").withMaxLength(32768L)
        .withDescription("What happened, and what to do about it, in words for a person.").build());
    fields.put("observedGeneration", new JSONSchemaPropsBuilder().withType("integer").withFormat("int64")
        .withMinimum(0.0).withDescription("The metadata.generation the condition was set for.").build());
    fields.put("reason", new JSONSchemaPropsBuilder().withType("string").withMinLength(1L).withMaxLength(1024L)
        .withPattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
        .withDescription("Why, in one CamelCase word; README lists every reason and what to do about it.").build());
    fields.put("status", new JSONSchemaPropsBuilder().withType("string")
        .withEnum(TextNode.valueOf("True"), TextNode.valueOf("False"), TextNode.valueOf("Unknown"))
        .withDescription("True, False or Unknown.").build());
    fields.put("type", new JSONSchemaPropsBuilder().withType("string").withMaxLength(316L)
        .withPattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
        .withDescription("The condition's type, one per list, such as Ready.").build());
    return new JSONSchemaPropsBuilder().withType("object")
        .withDescription("One aspect of the resource's state, as a metav1.Condition.")
        .withRequired("lastTransitionTime", "message", "reason", "status", "type")
        .withProperties(fields)
        .build();
  }
}

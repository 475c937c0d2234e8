package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Just enough OpenAPI v3 for kubectl to see that the server validates fields itself: per group version,
 * a PATCH operation per kind that takes the {@code fieldValidation} query parameter. kubectl then sends
 * {@code fieldValidation=Strict} instead of downloading schemas to validate on its side. (The embedded
 * API validates nothing: no schemas are served.)
 */
final class OpenApiV3 {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiV3() {}

  /** {@code /openapi/v3}: where each group version's document is. */
  static ObjectNode root(List<Discovery.Resource> resources) {
    ObjectNode root = JSON.objectNode();
    ObjectNode paths = root.putObject("paths");
    Set<String> groupVersions = new LinkedHashSet<>();
    resources.forEach(resource -> groupVersions.add(resource.groupVersion()));
    for (String groupVersion : groupVersions) {
      String path = prefix(groupVersion);
      paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path);
    }
    return root;
  }

  /** {@code /openapi/v3/api/v1} or {@code /openapi/v3/apis/GROUP/VERSION}. */
  static Optional<ObjectNode> groupVersion(List<Discovery.Resource> resources, String path) {
    List<Discovery.Resource> matching = resources.stream()
        .filter(resource -> prefix(resource.groupVersion()).equals(path)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode document = JSON.objectNode().put("openapi", "3.0.0");
    document.putObject("info").put("title", "Kubernetes (wasabi-operator sandbox)").put("version", "v1.32.0");
    ObjectNode paths = document.putObject("paths");
    for (Discovery.Resource resource : matching) {
      String[] groupVersion = resource.groupVersion().contains("/") ? resource.groupVersion().split("/")
          : new String[] {"", resource.groupVersion()};
      ObjectNode patch = paths.putObject("/" + path + (resource.namespaced() ? "/namespaces/{namespace}/" : "/")
          + resource.plural() + "/{name}").putObject("patch");
      patch.putObject("x-kubernetes-group-version-kind").put("group", groupVersion[0])
          .put("version", groupVersion[1]).put("kind", resource.kind());
      patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
          .putObject("schema").put("type", "string");
    }
    document.putObject("components").putObject("schemas");
    return Optional.of(document);
  }

  private static String prefix(String groupVersion) {
    return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
  }
}

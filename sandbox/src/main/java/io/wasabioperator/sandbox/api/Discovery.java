package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What kubectl reads before anything else: the API groups and, per group version, its resources
 * (legacy discovery: {@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/GROUP/VERSION}). The
 * built-in kinds the sandbox stores are listed here; custom resources come from the CRDs in the store,
 * so a CRD applied later is discovered like on a real API server.
 */
final class Discovery {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
      "update", "watch");
  private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  /** A kind as discovery describes it. */
  record Resource(String groupVersion, String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, boolean statusSubresource) {}

  static final List<Resource> BUILT_IN = List.of(
      new Resource("v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(), true),
      new Resource("v1", "secrets", "secret", "Secret", true, List.of(), List.of(), false),
      new Resource("v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(), false),
      new Resource("v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of(), false),
      new Resource("v1", "events", "event", "Event", true, List.of("ev"), List.of(), false),
      new Resource("events.k8s.io/v1", "events", "event", "Event", true, List.of("ev"), List.of(), false),
      new Resource("rbac.authorization.k8s.io/v1", "roles", "role", "Role", true, List.of(), List.of(), false),
      new Resource("rbac.authorization.k8s.io/v1", "rolebindings", "rolebinding", "RoleBinding", true, List.of(),
          List.of(), false),
      new Resource("rbac.authorization.k8s.io/v1", "clusterroles", "clusterrole", "ClusterRole", false, List.of(),
          List.of(), false),
      new Resource("rbac.authorization.k8s.io/v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding",
          false, List.of(), List.of(), false),
      new Resource("coordination.k8s.io/v1", "leases", "lease", "Lease", true, List.of(), List.of(), false),
      new Resource("apps/v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of("all"), true),
      new Resource("apiextensions.k8s.io/v1", "customresourcedefinitions", "customresourcedefinition",
          "CustomResourceDefinition", false, List.of("crd", "crds"), List.of("api-extensions"), true));

  private Discovery() {}

  /** Built-in resources and those of every served version of the given CRDs. */
  static List<Resource> resources(List<JsonNode> crds) {
    List<Resource> all = new ArrayList<>(BUILT_IN);
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      JsonNode names = spec.path("names");
      for (JsonNode version : spec.path("versions")) {
        if (!version.path("served").asBoolean(true)) {
          continue;
        }
        all.add(new Resource(spec.path("group").asText() + "/" + version.path("name").asText(),
            names.path("plural").asText(), names.path("singular").asText(), names.path("kind").asText(),
            !"Cluster".equals(spec.path("scope").asText()), strings(names.path("shortNames")),
            strings(names.path("categories")), version.path("subresources").has("status")));
      }
    }
    return all;
  }

  static Optional<Resource> find(List<Resource> resources, String groupVersion, String plural) {
    return resources.stream().filter(r -> r.groupVersion().equals(groupVersion) && r.plural().equals(plural))
        .findFirst();
  }

  /** {@code /api}. */
  static ObjectNode coreVersions(String serverAddress) {
    ObjectNode versions = JSON.objectNode().put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return versions;
  }

  /** {@code /apis}: every group but the core one, in the order first seen. */
  static ObjectNode groups(List<Resource> resources) {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (Resource resource : resources) {
      int slash = resource.groupVersion().indexOf('/');
      if (slash > 0) {
        List<String> versions = versionsByGroup.computeIfAbsent(resource.groupVersion().substring(0, slash),
            group -> new ArrayList<>());
        if (!versions.contains(resource.groupVersion())) {
          versions.add(resource.groupVersion());
        }
      }
    }
    ObjectNode list = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versionsByGroup.forEach((group, versions) -> {
      ObjectNode entry = groups.addObject().put("name", group);
      ArrayNode array = entry.putArray("versions");
      versions.forEach(gv -> array.addObject().put("groupVersion", gv).put("version", gv.substring(gv.indexOf('/') + 1)));
      entry.set("preferredVersion", array.get(0));
    });
    return list;
  }

  /** {@code /api/v1} or {@code /apis/GROUP/VERSION}; empty when no resource has that group version. */
  static Optional<ObjectNode> resourceList(List<Resource> resources, String groupVersion) {
    List<Resource> matching = resources.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion);
    ArrayNode array = list.putArray("resources");
    for (Resource resource : matching) {
      ObjectNode entry = array.addObject().put("name", resource.plural()).put("singularName", resource.singular())
          .put("namespaced", resource.namespaced()).put("kind", resource.kind());
      VERBS.forEach(entry.putArray("verbs")::add);
      if (!resource.shortNames().isEmpty()) {
        resource.shortNames().forEach(entry.putArray("shortNames")::add);
      }
      if (!resource.categories().isEmpty()) {
        resource.categories().forEach(entry.putArray("categories")::add);
      }
      if (resource.statusSubresource()) {
        ObjectNode status = array.addObject().put("name", resource.plural() + "/status").put("singularName", "")
            .put("namespaced", resource.namespaced()).put("kind", resource.kind());
        STATUS_VERBS.forEach(status.putArray("verbs")::add);
      }
    }
    return Optional.of(list);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}

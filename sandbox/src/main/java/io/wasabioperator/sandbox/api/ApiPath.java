package io.wasabioperator.sandbox.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request path of the Kubernetes API taken apart, as the API server's request-info parser does:
 * {@code /api/v1/namespaces/demo/secrets/x} or {@code /apis/group/version/[namespaces/ns/]plural[/name[/sub]]}.
 *
 * @param group empty for the core group
 * @param namespace null for cluster-scoped requests and for lists across all namespaces
 * @param resource the plural, such as {@code signedurlrequests}; null for discovery paths
 * @param name null for collections
 */
record ApiPath(String path, String group, String version, String namespace, String resource, String name,
    String subresource, Map<String, String> query) {

  static ApiPath parse(String target) {
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    Map<String, String> query = question < 0 ? Map.of() : query(target.substring(question + 1));
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    int at;
    String group;
    String version;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      at = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      at = 3;
    } else {
      return new ApiPath(path, null, null, null, null, null, null, query);
    }
    String namespace = null;
    if (parts.length > at + 2 && parts[at].equals("namespaces")) {
      namespace = parts[at + 1];
      at += 2;
    }
    String resource = parts.length > at ? parts[at] : null;
    String name = parts.length > at + 1 ? parts[at + 1] : null;
    String subresource = parts.length > at + 2 ? parts[at + 2] : null;
    if ("namespaces".equals(resource) && namespace == null && name != null && subresource == null) {
      return new ApiPath(path, group, version, null, resource, name, null, query);
    }
    return new ApiPath(path, group, version, namespace, resource, name, subresource, query);
  }

  private static Map<String, String> query(String text) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      query.put(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  boolean isResource() {
    return resource != null;
  }

  boolean isCollection() {
    return resource != null && name == null;
  }

  boolean isWatch() {
    String watch = query.get("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  Optional<String> param(String key) {
    return Optional.ofNullable(query.get(key)).filter(value -> !value.isEmpty());
  }

  /** The path of the collection this request is about, without query: where a list of it is read. */
  String collectionPath() {
    return (group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version)
        + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource;
  }

  /** The path of the object itself (without subresource), for a request about one object. */
  String objectPath() {
    return collectionPath() + "/" + name;
  }

  /** One object of this collection, in its namespace (empty for a cluster-scoped object). */
  ApiPath member(String objectNamespace, String objectName) {
    ApiPath collection = new ApiPath(path, group, version, objectNamespace.isEmpty() ? null : objectNamespace,
        resource, null, null, Map.of());
    return parse(collection.collectionPath() + "/" + objectName);
  }

  /** What the console calls an object: {@code kind-ish/namespace/name}, by plural. */
  String display(String shortName) {
    return shortName + "/" + (namespace == null ? "" : namespace + "/") + name;
  }
}

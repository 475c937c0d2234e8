package io.wasabioperator.apiserver.rbac;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an API server's authorizer sees of a request, derived from its method, path and query the way the API
 * server's RequestInfoFactory does: a verb and either a resource (group, namespace, resource, subresource,
 * name) or a non-resource path. Absent parts are empty strings, as there.
 */
public record RequestAttributes(String verb, boolean resourceRequest, String apiGroup, String namespace,
    String resource, String subresource, String name, String path) {

  private static final Set<String> API_PREFIXES = Set.of("api", "apis");
  /** `/api` has no group segment. */
  private static final String GROUPLESS_PREFIX = "api";
  /** Legacy verbs written into the path: `/api/v1/watch/namespaces/a/secrets`. */
  private static final Set<String> PATH_VERBS = Set.of("proxy", "watch");
  /** Everything after `proxy/<name>/` is the proxied path, not a subresource. */
  private static final String VERB_WITHOUT_SUBRESOURCES = "proxy";
  /** `namespaces/<name>/status` is the namespace's own subresource, not a resource in that namespace. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  public static RequestAttributes resource(String verb, String apiGroup, String namespace, String resource,
      String subresource, String name) {
    return new RequestAttributes(verb, true, apiGroup, namespace, resource, subresource, name, "");
  }

  public static RequestAttributes nonResource(String verb, String path) {
    return new RequestAttributes(verb, false, "", "", "", "", "", path);
  }

  /** @param rawQuery the URL-encoded query, or null */
  public static RequestAttributes of(String method, String path, String rawQuery) {
    String lowerMethod = method.toLowerCase(Locale.ROOT);
    List<String> parts = segments(path);
    if (parts.size() < 3 || !API_PREFIXES.contains(parts.get(0))) {
      return nonResource(lowerMethod, path);
    }
    String prefix = parts.get(0);
    parts = parts.subList(1, parts.size());
    String apiGroup = "";
    if (!prefix.equals(GROUPLESS_PREFIX)) {
      if (parts.size() < 3) {
        return nonResource(lowerMethod, path);
      }
      apiGroup = parts.get(0);
      parts = parts.subList(1, parts.size());
    }
    parts = parts.subList(1, parts.size()); // the version

    String verb;
    if (PATH_VERBS.contains(parts.get(0))) {
      if (parts.size() < 2) {
        throw new IllegalArgumentException("no resource after the verb in " + path);
      }
      verb = parts.get(0);
      parts = parts.subList(1, parts.size());
    } else {
      verb = switch (method.toUpperCase(Locale.ROOT)) {
        case "POST" -> "create";
        case "GET", "HEAD" -> "get";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> "delete";
        default -> "";
      };
    }

    String namespace = "";
    if (parts.get(0).equals("namespaces") && parts.size() > 1) {
      namespace = parts.get(1);
      if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
        parts = parts.subList(2, parts.size());
      }
    }
    String resource = parts.get(0);
    String name = parts.size() >= 2 ? parts.get(1) : "";
    String subresource = parts.size() >= 3 && !verb.equals(VERB_WITHOUT_SUBRESOURCES) ? parts.get(2) : "";

    Map<String, String> query = query(rawQuery);
    if (name.isEmpty() && verb.equals("get")) {
      verb = isWatch(query.get("watch")) ? "watch" : "list";
      name = FieldSelector.exactName(query.get("fieldSelector")).filter(RequestAttributes::isPathSegmentName)
          .orElse("");
    }
    if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return resource(verb, apiGroup, namespace, resource, subresource, name);
  }

  /** The resource as RBAC rules name it: `secrets`, or `signedurlrequests/status`. */
  public String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  @Override
  public String toString() {
    if (!resourceRequest) {
      return verb + " " + path;
    }
    return verb + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + " " + combinedResource()
        + (name.isEmpty() ? "" : " \"" + name + "\"")
        + (namespace.isEmpty() ? " (cluster-wide)" : " in " + namespace);
  }

  private static List<String> segments(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/"));
  }

  /** The first value of each parameter, decoded as the API server's URL parser does. */
  public static Map<String, String> query(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.putIfAbsent(key, value);
    }
    return values;
  }

  /** A boolean query parameter as the API server reads it: present and neither "0" nor "false". */
  private static boolean isWatch(String value) {
    return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  private static boolean isPathSegmentName(String name) {
    return !name.equals(".") && !name.equals("..") && !name.contains("/") && !name.contains("%");
  }
}

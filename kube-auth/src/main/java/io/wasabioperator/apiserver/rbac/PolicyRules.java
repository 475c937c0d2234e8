package io.wasabioperator.apiserver.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/**
 * Whether one RBAC rule allows a request, as the API server's RBAC authorizer matches them. `*` stands for
 * every group, resource, verb or URL; a resource `*` with a subresource after the slash for that subresource
 * of every resource; a URL ending in `*` for every path it prefixes. A resource followed by a slash and `*`
 * is no wildcard: it names a subresource called `*`.
 */
public final class PolicyRules {
  private static final String ALL = "*";

  private PolicyRules() {}

  public static boolean allows(PolicyRule rule, RequestAttributes request) {
    if (!matches(rule.getVerbs(), request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      return urlMatches(rule.getNonResourceURLs(), request.path());
    }
    return matches(rule.getApiGroups(), request.apiGroup())
        && resourceMatches(rule.getResources(), request.combinedResource(), request.subresource())
        && nameMatches(rule.getResourceNames(), request.name());
  }

  private static boolean matches(List<String> allowed, String requested) {
    return allowed.contains(ALL) || allowed.contains(requested);
  }

  private static boolean resourceMatches(List<String> resources, String combined, String subresource) {
    return resources.contains(ALL) || resources.contains(combined)
        || !subresource.isEmpty() && resources.contains("*/" + subresource);
  }

  /** Without names a rule allows any name; with names only requests for one, so never a create or a plain list. */
  private static boolean nameMatches(List<String> names, String requested) {
    return names.isEmpty() || names.contains(requested);
  }

  private static boolean urlMatches(List<String> urls, String path) {
    for (String url : urls) {
      if (url.equals(ALL) || url.equals(path)
          || url.endsWith(ALL) && path.startsWith(url.replaceAll("\\*+$", ""))) {
        return true;
      }
    }
    return false;
  }
}

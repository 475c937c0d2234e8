package io.wasabioperator.apiserver.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

/**
 * A rule that a binding gives the user, and where it holds.
 *
 * @param namespace the RoleBinding's namespace; empty when a ClusterRoleBinding gives it everywhere
 */
public record BoundRule(RuleLocation location, PolicyRule rule, String namespace) {

  /** A RoleBinding's rules hold for requests in its namespace only, never for cluster-wide or non-resource ones. */
  public boolean holdsFor(RequestAttributes request) {
    return namespace.isEmpty() || namespace.equals(request.namespace());
  }

  public boolean allows(RequestAttributes request) {
    return holdsFor(request) && PolicyRules.allows(rule, request);
  }
}

package io.wasabioperator.apiserver.rbac;

/**
 * Where a rule is written: the Role or ClusterRole and the rule's position in it, from 0.
 *
 * @param namespace the Role's namespace; empty for a ClusterRole
 */
public record RuleLocation(String kind, String namespace, String name, int index) {
  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " rule " + (index + 1);
  }
}

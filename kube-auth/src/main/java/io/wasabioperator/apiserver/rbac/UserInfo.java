package io.wasabioperator.apiserver.rbac;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.Set;

/**
 * Who a request comes from, as the API server authenticated it: a user name and the groups the user is in
 * (a ServiceAccount's token, a client certificate, an OIDC token alike).
 */
public record UserInfo(String userName, Set<String> groups) {
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public UserInfo {
    groups = Set.copyOf(groups);
  }

  /** A ServiceAccount's user: its name, and the groups every ServiceAccount of its namespace is in. */
  public static UserInfo serviceAccount(String namespace, String name) {
    return new UserInfo(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name,
        Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"));
  }

  /**
   * Whether a binding's subject names this user, as the RBAC authorizer decides it: a ServiceAccount subject
   * without a namespace means one in the RoleBinding's own namespace.
   *
   * @param bindingNamespace the RoleBinding's namespace; empty for a ClusterRoleBinding
   */
  public boolean isNamedBy(Subject subject, String bindingNamespace) {
    return switch (subject.getKind()) {
      case "User" -> userName.equals(subject.getName());
      case "Group" -> groups.contains(subject.getName());
      case "ServiceAccount" -> {
        String namespace = subject.getNamespace() == null || subject.getNamespace().isEmpty()
            ? bindingNamespace : subject.getNamespace();
        yield !namespace.isEmpty() && userName.equals(SERVICE_ACCOUNT_PREFIX + namespace + ":" + subject.getName());
      }
      default -> false;
    };
  }

  @Override
  public String toString() {
    return userName;
  }
}

package io.wasabioperator.install.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Set;

/** A ServiceAccount as the API server authenticates it: a user name and the groups every ServiceAccount is in. */
public record ServiceAccountUser(String namespace, String name) {

  /** The ServiceAccount the rendered Deployment's pods run as. */
  public static ServiceAccountUser ofDeployment(List<HasMetadata> objects) {
    List<Deployment> deployments = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .toList();
    if (deployments.size() != 1) {
      throw new IllegalArgumentException("expected one Deployment, found " + deployments.size());
    }
    Deployment deployment = deployments.get(0);
    return new ServiceAccountUser(deployment.getMetadata().getNamespace(),
        deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
  }

  public String userName() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  public Set<String> groups() {
    return Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  /**
   * Whether a binding's subject names this user, as the RBAC authorizer decides it: a ServiceAccount subject
   * without a namespace means one in the RoleBinding's own namespace.
   *
   * @param bindingNamespace the RoleBinding's namespace; empty for a ClusterRoleBinding
   */
  public boolean isNamedBy(Subject subject, String bindingNamespace) {
    return switch (subject.getKind()) {
      case "User" -> userName().equals(subject.getName());
      case "Group" -> groups().contains(subject.getName());
      case "ServiceAccount" -> {
        String saNamespace = subject.getNamespace() == null || subject.getNamespace().isEmpty()
            ? bindingNamespace : subject.getNamespace();
        yield !saNamespace.isEmpty() && saNamespace.equals(namespace) && name.equals(subject.getName());
      }
      default -> false;
    };
  }

  @Override
  public String toString() {
    return userName();
  }
}

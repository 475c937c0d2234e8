package io.wasabioperator.apiserver.rbac;

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
    return info().userName();
  }

  public Set<String> groups() {
    return info().groups();
  }

  /** The user the API server authenticates this ServiceAccount's tokens as. */
  public UserInfo info() {
    return UserInfo.serviceAccount(namespace, name);
  }

  /** @see UserInfo#isNamedBy */
  public boolean isNamedBy(Subject subject, String bindingNamespace) {
    return info().isNamedBy(subject, bindingNamespace);
  }

  @Override
  public String toString() {
    return userName();
  }
}

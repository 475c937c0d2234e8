package io.wasabioperator.apiserver.auth;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;

/** RBAC objects that let a ServiceAccount sign with the integrations of a namespace, as users write them. */
public final class SigningRbac {
  public static final String GROUP = "storage.wasabi-operator.io";

  private SigningRbac() {}

  /**
   * A Role in {@code namespace} with these verbs on {@code wasabistorageintegrations/urls}, and a RoleBinding
   * that gives it to a ServiceAccount, of that namespace or another; both are named {@code binding}.
   */
  public static List<HasMetadata> grant(String namespace, String binding, String serviceAccountNamespace,
      String serviceAccount, String... verbs) {
    return List.of(
        new RoleBuilder().withNewMetadata().withNamespace(namespace).withName(binding).endMetadata()
            .addNewRule().withApiGroups(GROUP).withResources("wasabistorageintegrations/urls").withVerbs(verbs)
            .endRule().build(),
        new RoleBindingBuilder().withNewMetadata().withNamespace(namespace).withName(binding).endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", binding)
            .addNewSubject().withKind("ServiceAccount").withNamespace(serviceAccountNamespace)
            .withName(serviceAccount).endSubject()
            .build());
  }
}

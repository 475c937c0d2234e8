package io.wasabioperator.apiserver.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.List;

/**
 * What every authenticated user may do on any cluster, without the chart: the API server's bootstrap roles
 * system:basic-user (reviews of its own access and identity), system:discovery and system:public-info-viewer
 * (discovery, version, health), bound to the group system:authenticated.
 */
final class BootstrapRoles {
  private BootstrapRoles() {}

  static List<HasMetadata> objects() {
    ClusterRole basicUser = new ClusterRoleBuilder()
        .withNewMetadata().withName("system:basic-user").endMetadata()
        .addNewRule().withApiGroups("authorization.k8s.io")
        .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews").withVerbs("create").endRule()
        .addNewRule().withApiGroups("authentication.k8s.io").withResources("selfsubjectreviews").withVerbs("create")
        .endRule()
        .build();
    ClusterRole discovery = new ClusterRoleBuilder()
        .withNewMetadata().withName("system:discovery").endMetadata()
        .addNewRule().withNonResourceURLs("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi",
            "/openapi/*", "/readyz", "/version", "/version/").withVerbs("get").endRule()
        .build();
    ClusterRole publicInfo = new ClusterRoleBuilder()
        .withNewMetadata().withName("system:public-info-viewer").endMetadata()
        .addNewRule().withNonResourceURLs("/healthz", "/livez", "/readyz", "/version", "/version/").withVerbs("get")
        .endRule()
        .build();
    return List.of(basicUser, discovery, publicInfo,
        boundToAuthenticatedUsers(basicUser), boundToAuthenticatedUsers(discovery),
        boundToAuthenticatedUsers(publicInfo));
  }

  private static ClusterRoleBinding boundToAuthenticatedUsers(ClusterRole role) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata().withName(role.getMetadata().getName()).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role.getMetadata().getName())
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("system:authenticated")
        .endSubject()
        .build();
  }
}

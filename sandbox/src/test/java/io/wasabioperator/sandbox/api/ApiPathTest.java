package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiPathTest {
  @Test
  void aNamespacedObjectOfTheCoreGroup() {
    ApiPath path = ApiPath.parse("/api/v1/namespaces/demo/secrets/tls.cert-1");
    assertThat(path.group()).isEmpty();
    assertThat(path.groupVersion()).isEqualTo("v1");
    assertThat(path.namespace()).isEqualTo("demo");
    assertThat(path.resource()).isEqualTo("secrets");
    assertThat(path.name()).as("names may hold dots").isEqualTo("tls.cert-1");
    assertThat(path.isCollection()).isFalse();
    assertThat(path.objectPath()).isEqualTo("/api/v1/namespaces/demo/secrets/tls.cert-1");
    assertThat(path.display("secret")).isEqualTo("secret/demo/tls.cert-1");
  }

  @Test
  void aSubresourceOfAGroupsObjectWithAQuery() {
    ApiPath path = ApiPath.parse("/apis/storage.wasabi-operator.io/v1alpha1/namespaces/demo/signedurlrequests/"
        + "tissue-1/status?fieldManager=kubectl%20edit");
    assertThat(path.groupVersion()).isEqualTo("storage.wasabi-operator.io/v1alpha1");
    assertThat(path.name()).isEqualTo("tissue-1");
    assertThat(path.subresource()).isEqualTo("status");
    assertThat(path.param("fieldManager")).contains("kubectl edit");
    assertThat(path.objectPath()).isEqualTo("/apis/storage.wasabi-operator.io/v1alpha1/namespaces/demo/"
        + "signedurlrequests/tissue-1");
  }

  @Test
  void collectionsClusterScopedObjectsAndNamespaces() {
    ApiPath all = ApiPath.parse("/apis/events.k8s.io/v1/events?watch=1&labelSelector=");
    assertThat(all.namespace()).isNull();
    assertThat(all.isCollection()).isTrue();
    assertThat(all.isWatch()).isTrue();
    assertThat(all.param("labelSelector")).as("empty is absent").isEmpty();

    ApiPath crd = ApiPath.parse("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
    assertThat(crd.namespace()).isNull();
    assertThat(crd.name()).isEqualTo("widgets.example.com");
    assertThat(crd.display("crd")).isEqualTo("crd/widgets.example.com");

    ApiPath namespace = ApiPath.parse("/api/v1/namespaces/demo");
    assertThat(namespace.resource()).isEqualTo("namespaces");
    assertThat(namespace.name()).isEqualTo("demo");
    assertThat(namespace.namespace()).isNull();
  }

  @Test
  void discoveryAndOtherPathsHaveNoResource() {
    assertThat(ApiPath.parse("/apis/storage.wasabi-operator.io/v1alpha1").isResource()).isFalse();
    assertThat(ApiPath.parse("/version").group()).isNull();
    assertThat(ApiPath.parse("/api").group()).isNull();
  }

  @Test
  void aMemberOfACollectionAcrossNamespacesIsInItsOwnNamespace() {
    ApiPath member = ApiPath.parse("/apis/example.com/v1/widgets?labelSelector=team").member("demo", "w");
    assertThat(member.path()).isEqualTo("/apis/example.com/v1/namespaces/demo/widgets/w");
    assertThat(member.namespace()).isEqualTo("demo");
  }
}

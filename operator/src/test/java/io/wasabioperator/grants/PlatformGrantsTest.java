package io.wasabioperator.grants;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.apiserver.AdmittedApiServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the grant and namespace informers give the reconcilers, against the mock API server. */
@AdmittedApiServer
class PlatformGrantsTest {
  KubernetesClient client;

  @Test
  void isSyncedOnceStarted() {
    try (PlatformGrants grants = new PlatformGrants(client, List.of())) {
      assertThat(grants.isSynced()).isFalse();
      grants.start();
      assertThat(grants.isSynced()).isTrue();
    }
  }

  @Test
  void aGrantBeingDeletedGrantsNothingAndConfiguredGrantsComeFirst() {
    client.resource(grant("kept")).create();
    WasabiPlatformGrant held = grant("held");
    held.getMetadata().setFinalizers(List.of("example.com/hold"));
    client.resource(held).create();
    client.resources(WasabiPlatformGrant.class).withName("held").delete();
    PlatformGrantSpec configured = new PlatformGrantSpec();
    try (PlatformGrants grants = new PlatformGrants(client, List.of(configured))) {
      grants.start();
      assertThat(grants.all()).extracting(Grant::source)
          .containsExactly("grant 1 of WASABI_OPERATOR_PLATFORM_GRANTS", "WasabiPlatformGrant/kept");
    }
  }

  @Test
  void aNamespaceIsKnownByItsLabelsOnceListed() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a")
        .addToLabels("tenant", "a").endMetadata().build()).create();
    try (PlatformGrants grants = new PlatformGrants(client, List.of())) {
      grants.start();
      assertThat(grants.namespaceLabels("team-a")).contains(Map.of("tenant", "a"));
      assertThat(grants.namespaceLabels("not-yet")).isEmpty();
    }
  }

  private static WasabiPlatformGrant grant(String name) {
    PlatformGrantSpec spec = new PlatformGrantSpec();
    spec.setNamespaces(List.of("*"));
    spec.setBuckets(List.of("*"));
    WasabiPlatformGrant grant = new WasabiPlatformGrant();
    grant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    grant.setSpec(spec);
    return grant;
  }
}

package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.signedurl.UrlSecret;
import io.wasabioperator.testsupport.FaultyProxy.Fault;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.MovableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The record of the operator's own write when its watch event never comes: the watch broke before it,
 * and the Secret was deleted before the informer listed again. The informer reads from the API through a
 * proxy that drops it; the writes go straight to the API.
 */
@AdmittedApiServer
class OwnWriteRecordIT {
  private static final String NS = "tenant";

  static KubernetesClient client;

  @Test
  void aWriteNothingConfirmsIsForgottenAfterItsBound() throws Exception {
    MovableClock clock = new MovableClock();
    try (FaultyProxy proxy = proxy(); KubernetesClient watching = through(proxy);
         LabelledSecrets owned = informer(watching, clock)) {
      Secret created = writtenWhileTheWatchIsDown(proxy, owned, "lost");

      // Listed again, without it: only the record of the write says it is there.
      assertThat(owned.get(NS, "lost")).as("trusted while its event may still come").isPresent();
      clock.moveBy(LabelledSecrets.UNCONFIRMED_FOR.plusSeconds(1));

      assertThat(owned.get(NS, "lost")).isEmpty();
      assertThat(client.secrets().inNamespace(NS).withName(created.getMetadata().getName()).get()).isNull();
    }
  }

  @Test
  void a404OnAPatchForgetsTheRecordAtOnce() throws Exception {
    try (FaultyProxy proxy = proxy(); KubernetesClient watching = through(proxy);
         LabelledSecrets owned = informer(watching, new MovableClock())) {
      Secret created = writtenWhileTheWatchIsDown(proxy, owned, "patched");
      SecretWriter writer = new SecretWriter(client, owned);

      assertThat(writer.patch(owned.get(NS, "patched").orElseThrow(),
          new OwnedFields(Map.of(), Map.of(), Map.of("url", "eQ==")))).isEmpty();

      assertThat(owned.get(NS, "patched")).as("a patch answered 404: the Secret is gone").isEmpty();
      assertThat(created.getMetadata().getName()).isEqualTo("patched");
    }
  }

  /** The operator creates the Secret while its informer's watch is down, and someone deletes it before the re-list. */
  private static Secret writtenWhileTheWatchIsDown(FaultyProxy proxy, LabelledSecrets owned, String name)
      throws Exception {
    proxy.inject(Fault.REFUSE);
    Secret created = new SecretWriter(client, owned).create(secret(name)).orElseThrow();
    client.secrets().inNamespace(NS).withName(name).delete();
    proxy.inject(Fault.NONE);
    await().atMost(Duration.ofSeconds(20)).until(owned::isWatching);
    return created;
  }

  private static FaultyProxy proxy() throws Exception {
    URI api = URI.create(client.getMasterUrl().toString());
    return new FaultyProxy(URI.create("http://" + api.getHost() + ":" + api.getPort()), Duration.ZERO);
  }

  private static KubernetesClient through(FaultyProxy proxy) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("https://localhost:" + proxy.endpoint().getPort()).withTrustCerts(true)
        .withNamespace(NS).build()).build();
  }

  private static LabelledSecrets informer(KubernetesClient watching, MovableClock clock) {
    LabelledSecrets owned = new LabelledSecrets(watching, ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR, Set.of(),
        () -> SecretStore.owned("request", UrlSecret.VIEW), clock);
    owned.start();
    return owned;
  }

  private static Secret secret(String name) {
    return new SecretBuilder().withNewMetadata().withNamespace(NS).withName(name)
        .addToLabels(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR).endMetadata()
        .addToData("url", "eA==").build();
  }
}

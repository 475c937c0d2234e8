package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.apiserver.AdmittedApiServer;
import io.wasabioperator.secrets.SecretWriter.Deletion;
import io.wasabioperator.signedurl.UrlSecret;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator deletes exactly the Secret it decided on, as the API server's delete preconditions enforce. */
@AdmittedApiServer
class SecretWriterDeleteTest {
  private static final String NS = "tenant";

  static KubernetesClient client;

  @Test
  void aSecretDeletedAndMadeAgainBySomeoneElseMeanwhileIsNotDeleted() {
    SecretWriter writer = writer();
    Secret decidedOn = client.resource(secret("former")).create();
    client.resource(decidedOn).delete();
    Secret someoneElses = client.resource(secret("former")).create();

    assertThat(writer.delete(decidedOn)).isEqualTo(Deletion.CHANGED);

    assertThat(client.secrets().inNamespace(NS).withName("former").get().getMetadata().getUid())
        .isEqualTo(someoneElses.getMetadata().getUid());
  }

  @Test
  void aSecretChangedMeanwhileIsDecidedAgainAndThenDeleted() {
    SecretWriter writer = writer();
    Secret decidedOn = client.resource(secret("changing")).create();
    Secret changed = client.secrets().inNamespace(NS).withName("changing")
        .edit(secret -> new SecretBuilder(secret).addToData("added", "eA==").build());

    assertThat(writer.delete(decidedOn)).isEqualTo(Deletion.CHANGED);
    assertThat(client.secrets().inNamespace(NS).withName("changing").get()).isNotNull();

    assertThat(writer.delete(changed)).isEqualTo(Deletion.DELETED);
    assertThat(client.secrets().inNamespace(NS).withName("changing").get()).isNull();
    assertThat(writer.delete(changed)).isEqualTo(Deletion.GONE);
  }

  private static SecretWriter writer() {
    return new SecretWriter(client, new LabelledSecrets(client, ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR,
        Set.of(), () -> SecretStore.metadataOnly(UrlSecret.VIEW), Clock.systemUTC()));
  }

  private static Secret secret(String name) {
    return new SecretBuilder().withNewMetadata().withNamespace(NS).withName(name).endMetadata()
        .addToData("url", "aHR0cHM6Ly9leGFtcGxl").build();
  }
}

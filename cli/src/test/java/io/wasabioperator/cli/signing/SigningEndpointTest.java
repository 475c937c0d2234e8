package io.wasabioperator.cli.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.wasabioperator.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SigningEndpointTest {
  private static Deployment operator(String shard, String selector, boolean signing) {
    List<EnvVar> env = new ArrayList<>();
    if (selector != null) {
      env.add(new EnvVar("WASABI_OPERATOR_WATCH_LABEL_SELECTOR", selector, null));
    }
    if (signing) {
      env.add(new EnvVar("WASABI_OPERATOR_SIGNING_PORT", "8443", null));
      env.add(new EnvVar("WASABI_OPERATOR_SIGNING_SERVICE", "ops-signing" + (shard == null ? "" : "-" + shard), null));
      env.add(new EnvVar("WASABI_OPERATOR_SIGNING_CA_CONFIGMAP", "ops-signing-ca", null));
      env.add(new EnvVar("WASABI_OPERATOR_SIGNING_AUDIENCES", "signer,other", null));
    }
    return new DeploymentBuilder().withNewMetadata().withNamespace("ops").withName("ops" + (shard == null ? "" : "-"
        + shard)).withLabels(shard == null ? Map.of() : Map.of(SigningEndpoint.SHARD_LABEL, shard)).endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("operator").withEnv(env)
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Test
  void oneOperatorIsCalledWithoutReadingTheIntegration() {
    AtomicInteger reads = new AtomicInteger();
    SigningEndpoint endpoint = SigningEndpoint.choose(List.of(operator(null, null, true)), Optional.empty(), () -> {
      reads.incrementAndGet();
      return Map.of();
    });

    assertThat(endpoint).isEqualTo(new SigningEndpoint("ops", "ops-signing", 8443, "ops-signing-ca", "signer",
        "ops-signing.ops.svc", true));
    assertThat(reads).hasValue(0);
  }

  @Test
  void withShardsTheOneWhoseSelectorMatchesTheIntegrationOrTheOneNamed() {
    List<Deployment> shards = List.of(operator("a", "sharding.storage.wasabi-operator.io/key=a", true),
        operator("rest", "!sharding.storage.wasabi-operator.io/key", true));

    assertThat(SigningEndpoint.choose(shards, Optional.empty(),
        () -> Map.of("sharding.storage.wasabi-operator.io/key", "a")).service()).isEqualTo("ops-signing-a");
    assertThat(SigningEndpoint.choose(shards, Optional.empty(), Map::of).service()).isEqualTo("ops-signing-rest");
    assertThat(SigningEndpoint.choose(shards, Optional.of("a"), Map::of).service()).isEqualTo("ops-signing-a");
    assertThatThrownBy(() -> SigningEndpoint.choose(shards, Optional.of("b"), Map::of))
        .isInstanceOf(CliException.class).hasMessageContaining("no operator Deployment of shard b");
    assertThatThrownBy(() -> SigningEndpoint.choose(shards, Optional.empty(),
        () -> Map.of("sharding.storage.wasabi-operator.io/key", "c")))
        .isInstanceOf(CliException.class).hasMessageContaining("--shard");
  }

  @Test
  void anOperatorServingAMountedCertificateHasNoCaOfItsOwnToRead() {
    Deployment mounted = operator(null, null, true);
    mounted.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
        .add(new EnvVar("WASABI_OPERATOR_SIGNING_TLS_DIR", "/etc/wasabi-operator/signing-tls", null));

    assertThat(SigningEndpoint.choose(List.of(mounted), Optional.empty(), Map::of).ownCa()).isFalse();
    assertThat(SigningEndpoint.choose(List.of(operator(null, null, true)), Optional.empty(), Map::of).ownCa())
        .isTrue();
  }

  @Test
  void anOperatorWithoutTheSigningApiOrNoneAtAllIsSaidSo() {
    assertThatThrownBy(() -> SigningEndpoint.choose(List.of(operator(null, null, false)), Optional.empty(), Map::of))
        .isInstanceOf(CliException.class).hasMessageContaining("signing.enabled=false");
    assertThatThrownBy(() -> SigningEndpoint.choose(List.of(), Optional.empty(), Map::of))
        .isInstanceOf(CliException.class).hasMessageContaining("--signing-url");
  }
}

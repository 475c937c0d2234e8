package io.wasabioperator.install.chart;

import static io.wasabioperator.install.chart.ChartObjects.container;
import static io.wasabioperator.install.chart.ChartObjects.env;
import static io.wasabioperator.install.chart.ChartObjects.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing API's serving certificate from cert-manager, or from a TLS Secret of one's own, instead of the operator's CA. */
class SigningTlsSourcesTest {
  @TempDir
  Path work;

  @Test
  @SuppressWarnings("unchecked")
  void certManagerIssuesOneCertificateForEveryShardsServiceWhichThePodsMount() throws IOException {
    List<HasMetadata> objects = Chart.render(work, """
        shards:
          - {name: a, selector: "sharding.storage.wasabi-operator.io/key=a"}
          - {name: rest, selector: "!sharding.storage.wasabi-operator.io/key"}
        signing:
          tls:
            source: certManager
            certManager: {issuerRef: {name: internal-ca}}
        """);

    GenericKubernetesResource certificate = (GenericKubernetesResource) objects.stream()
        .filter(o -> o.getKind().equals("Certificate")).findFirst().orElseThrow();
    Map<String, Object> spec = (Map<String, Object>) certificate.getAdditionalProperties().get("spec");
    assertThat(spec.get("secretName")).isEqualTo("wasabi-operator-signing-tls");
    assertThat((List<String>) spec.get("dnsNames")).contains("wasabi-operator-signing-a.wasabi-operator.svc",
        "wasabi-operator-signing-rest.wasabi-operator.svc.cluster.local").hasSize(8);
    assertThat((Map<String, Object>) spec.get("privateKey")).containsEntry("encoding", "PKCS8");
    assertThat((Map<String, Object>) spec.get("issuerRef")).containsEntry("name", "internal-ca")
        .containsEntry("kind", "ClusterIssuer");

    for (Deployment deployment : ofKind(objects, Deployment.class)) {
      var pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("signing-tls")).singleElement()
          .extracting(Volume::getSecret).satisfies(secret ->
              assertThat(secret.getSecretName()).isEqualTo("wasabi-operator-signing-tls"));
      assertThat(env(pod.getContainers().get(0), "WASABI_OPERATOR_SIGNING_TLS_DIR"))
          .isEqualTo("/etc/wasabi-operator/signing-tls");
    }
    // No CA of the operator's own: no Role for its Secret and ConfigMap.
    assertThat(ofKind(objects, Role.class)).extracting(r -> r.getMetadata().getName())
        .doesNotContain("wasabi-operator-signing-ca");
  }

  @Test
  void aSecretOfOnesOwnIsMountedAndEachSourceSaysWhatItNeeds() throws IOException {
    List<HasMetadata> objects = Chart.render(work, "signing: {tls: {source: secret, secretName: my-tls}}\n");
    assertThat(objects).noneMatch(o -> o.getKind().equals("Certificate"));
    assertThat(env(container(objects), "WASABI_OPERATOR_SIGNING_TLS_DIR")).isEqualTo("/etc/wasabi-operator/signing-tls");

    assertThatThrownBy(() -> Chart.renderText(work, "signing: {tls: {source: secret}}\n"))
        .hasMessageContaining("signing.tls.source=secret needs signing.tls.secretName");
    assertThatThrownBy(() -> Chart.renderText(work, "signing: {tls: {source: certManager}}\n"))
        .hasMessageContaining("needs signing.tls.certManager.issuerRef.name");
    // The default: the operator's own CA, nothing mounted.
    assertThat(container(Chart.render(work, "")).getEnv()).noneMatch(e -> e.getName().equals(
        "WASABI_OPERATOR_SIGNING_TLS_DIR"));
  }
}

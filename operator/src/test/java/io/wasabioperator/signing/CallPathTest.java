package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallPathTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/v1alpha1/namespaces/team-a/wasabistorageintegrations/slides/urls, team-a, slides",
      "/v1alpha1/namespaces/team-a/wasabistorageintegrations/slides.eu/urls/, team-a, slides.eu",
      "/v1alpha1/namespaces/t/wasabistorageintegrations/s/urls?pretty=true, t, s"})
  void namesTheNamespaceAndIntegration(String uri, String namespace, String integration) {
    assertThat(CallPath.parse(uri)).contains(new CallPath(namespace, integration));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "/", "/v1alpha1/namespaces/team-a/wasabistorageintegrations/slides",
      "/v1alpha1/namespaces/Team-A/wasabistorageintegrations/slides/urls",
      "/v1alpha1/namespaces/team.a/wasabistorageintegrations/slides/urls",
      "/v1alpha1/namespaces/team-a/wasabistorageintegrations/../urls",
      "/v1alpha1/namespaces/team-a/wasabistorageintegrations/slides%2Fx/urls",
      "/v1alpha1/namespaces/team-a/wasabistorageintegrations/-slides/urls",
      "/v1alpha2/namespaces/team-a/wasabistorageintegrations/slides/urls",
      "/v1alpha1/namespaces/team-a/signedurlrequests/slides/urls"})
  void refusesAnyOtherPath(String uri) {
    assertThat(CallPath.parse(uri)).isEqualTo(Optional.empty());
  }

  @org.junit.jupiter.api.Test
  void refusesNamesLongerThanKubernetesAllows() {
    String label = "a".repeat(63);
    String name = String.join(".", label, label, label, label); // 255 characters
    assertThat(CallPath.parse("/v1alpha1/namespaces/t/wasabistorageintegrations/" + name + "/urls")).isEmpty();
    assertThat(CallPath.parse("/v1alpha1/namespaces/" + "a".repeat(64) + "/wasabistorageintegrations/s/urls"))
        .isEmpty();
  }
}

package io.wasabioperator.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

class ResourceVersionsTest {
  @Test
  void ordersTheIntegersEveryApiServerGivesAndCountsAnythingElseDifferentAsNewer() {
    assertThat(ResourceVersions.compare(version("41"), version("41"))).isZero();
    assertThat(ResourceVersions.compare(version("9"), version("41"))).isNegative();
    assertThat(ResourceVersions.compare(version("100"), version("41"))).isPositive();
    assertThat(ResourceVersions.compare(version("abc"), version("41"))).isPositive();
    assertThat(ResourceVersions.compare(version("41"), version("abc"))).isPositive();
  }

  private static Secret version(String resourceVersion) {
    return new SecretBuilder().withNewMetadata().withResourceVersion(resourceVersion).endMetadata().build();
  }
}

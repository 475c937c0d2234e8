package io.wasabioperator.install.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  @Test
  void labelSelectorsRequireALabelOnlyByEquality() {
    String key = "app.kubernetes.io/managed-by";
    assertThat(LabelSelector.requires(key + "=wasabi-operator", key, "wasabi-operator")).isTrue();
    assertThat(LabelSelector.requires(key + "==wasabi-operator", key, "wasabi-operator")).isTrue();
    assertThat(LabelSelector.requires("a in (b,c)," + key + " = wasabi-operator", key, "wasabi-operator")).isTrue();
    assertThat(LabelSelector.requires(key + " in (wasabi-operator)", key, "wasabi-operator")).isTrue();

    assertThat(LabelSelector.requires(key + " in (wasabi-operator,helm)", key, "wasabi-operator")).isFalse();
    assertThat(LabelSelector.requires(key + "!=wasabi-operator", key, "wasabi-operator")).isFalse();
    assertThat(LabelSelector.requires(key + " notin (wasabi-operator)", key, "wasabi-operator")).isFalse();
    assertThat(LabelSelector.requires(key, key, "wasabi-operator")).isFalse();
    assertThat(LabelSelector.requires(key + "=helm", key, "wasabi-operator")).isFalse();
    assertThat(LabelSelector.requires("example.com/managed-by=wasabi-operator", key, "wasabi-operator")).isFalse();
    assertThat(LabelSelector.requires(null, key, "wasabi-operator")).isFalse();
  }
}

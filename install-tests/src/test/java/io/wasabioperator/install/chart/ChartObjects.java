package io.wasabioperator.install.chart;

import static io.wasabioperator.install.chart.Chart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Finding the objects of a rendered chart, for the chart tests. */
final class ChartObjects {
  private ChartObjects() {}

  static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
    List<T> found = ofKind(objects, kind);
    assertThat(found).as(kind.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String namespace,
      String name) {
    return ofKind(objects, kind).stream()
        .filter(o -> name.equals(o.getMetadata().getName()) && Objects.equals(namespace, o.getMetadata().getNamespace()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + namespace + "/" + name));
  }

  static Deployment deployment(List<HasMetadata> objects) {
    Deployment deployment = only(objects, Deployment.class);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    return deployment;
  }

  static Container container(List<HasMetadata> objects) {
    return deployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Optional<EnvVar> envVar(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
  }

  static String env(Container container, String name) {
    return envVar(container, name).orElseThrow(() -> new AssertionError("no env " + name)).getValue();
  }

  static List<String> envNames(Container container) {
    return container.getEnv().stream().map(EnvVar::getName).toList();
  }
}

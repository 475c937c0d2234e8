package io.wasabioperator.install.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.wasabioperator.install.examples.Examples.Manifest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example file is a set of well-formed Kubernetes objects; core kinds are exactly what fabric8's model knows. */
class ExampleManifestsTest {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static List<Path> files() {
    return Examples.files();
  }

  static List<Manifest> manifests() {
    return Examples.manifests();
  }

  @Test
  void theExamplesAreThere() {
    assertThat(files()).hasSizeGreaterThanOrEqualTo(9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void fileParsesIntoObjectsWithKindAndName(Path file) throws Exception {
    List<Manifest> documents = Examples.read(file);

    assertThat(documents).as(file + " holds objects").isNotEmpty();
    for (Manifest manifest : documents) {
      assertThat(manifest.object().isObject()).as(manifest + " is a mapping").isTrue();
      assertThat(manifest.apiVersion()).as(manifest + " apiVersion").isNotBlank();
      assertThat(manifest.kind()).as(manifest + " kind").isNotBlank();
      assertThat(manifest.name()).as(manifest + " metadata.name").hasSizeLessThanOrEqualTo(253)
          .matches(DNS_SUBDOMAIN);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void fileSaysWhatItShowsAndWhatToChange(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    List<String> header = lines.stream().takeWhile(line -> line.startsWith("#")).toList();

    assertThat(header).as(file + " starts with a comment").isNotEmpty();
    assertThat(String.join("\n", header)).as(file + " says what to change").contains("# Change:");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void coreKindsParseIntoTheTypedModelWithoutUnknownFields(Manifest manifest) {
    // Core API objects (v1, apps/v1, ...) have no dot in their group; their fields are all known.
    String group = manifest.apiVersion().contains("/") ? manifest.apiVersion().split("/")[0] : "";
    if (group.contains(".")) {
      return;
    }
    Class<? extends KubernetesResource> type =
        SERIALIZATION.getRegisteredKubernetesResource(manifest.apiVersion(), manifest.kind());
    assertThat(type).as(manifest + " is a kind of the Kubernetes API").isNotNull()
        .isNotEqualTo(GenericKubernetesResource.class);

    HasMetadata typed = (HasMetadata) SERIALIZATION.convertValue(manifest.object(), type);

    assertThat(typed.getMetadata().getName()).isEqualTo(manifest.name());
    assertThat(unknownFields(typed, "")).as(manifest + ": fields the Kubernetes API does not know").isEmpty();
  }

  @Test
  void unknownFieldsAreFoundAtAnyDepth() {
    // The check above must be able to fail: a misspelt field deep in a Pod is reported with its path.
    Manifest pod = Examples.ofKind("Pod").get(0);
    ObjectNode object = pod.object().deepCopy();
    ((ObjectNode) object.at("/spec/containers/0/securityContext")).put("readOnlyRootFileSystem", true);

    HasMetadata typed = (HasMetadata) SERIALIZATION.convertValue(object,
        SERIALIZATION.getRegisteredKubernetesResource(pod.apiVersion(), pod.kind()));

    assertThat(unknownFields(typed, "")).containsExactly("spec.containers[0].securityContext.readOnlyRootFileSystem");
  }

  /**
   * The fields that fabric8's model did not recognise: each model class keeps them in
   * getAdditionalProperties() instead of refusing them, so walk the object and collect them.
   */
  private static List<String> unknownFields(Object value, String path) {
    List<String> found = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      int index = 0;
      for (Object element : collection) {
        found.addAll(unknownFields(element, path + "[" + index++ + "]"));
      }
      return found;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, element) -> found.addAll(unknownFields(element, path + "[" + key + "]")));
      return found;
    }
    if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return found;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || !isModelValue(getter.getReturnType())) {
        continue;
      }
      Object property = invoke(getter, value);
      String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      if (name.equals("additionalProperties")) {
        ((Map<?, ?>) property).keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
      } else {
        found.addAll(unknownFields(property, join(path, name)));
      }
    }
    return found;
  }

  private static boolean isModelValue(Class<?> type) {
    return type.getName().startsWith(MODEL_PACKAGE) || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}

package io.wasabioperator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRDs committed under crds/ must be exactly what the Java model generates. */
class CrdDriftTest {
  private static final Path GENERATED = Path.of(System.getProperty("generatedCrds", "target/generated-crds"));
  private static final Path COMMITTED = Path.of(System.getProperty("committedCrds", "../crds"));
  private static final String HOW_TO_FIX = "the model changed: run `mvn -B process-classes` and copy "
      + "operator/target/generated-crds/*.yml to crds/";

  @Test
  void committedCrdsMatchTheModel() throws IOException {
    List<Path> generated = yamlFiles(GENERATED);
    assertThat(generated).as("generated CRDs").isNotEmpty();
    assertThat(yamlFiles(COMMITTED).stream().map(p -> p.getFileName().toString()))
        .as(HOW_TO_FIX)
        .containsExactlyInAnyOrderElementsOf(generated.stream().map(p -> p.getFileName().toString()).toList());
    for (Path file : generated) {
      assertThat(Files.readString(COMMITTED.resolve(file.getFileName())))
          .as(file.getFileName() + ": " + HOW_TO_FIX)
          .isEqualTo(Files.readString(file));
    }
  }

  @Test
  void everySpecAndStatusFieldIsDescribed() throws IOException {
    for (Path file : yamlFiles(GENERATED)) {
      var crd = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readTree(file.toFile());
      var schema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties");
      for (String part : List.of("spec", "status")) {
        assertDescribed(part, schema.get(part).get("properties"), file);
      }
    }
  }

  private static void assertDescribed(String path, com.fasterxml.jackson.databind.JsonNode properties, Path file) {
    if (properties == null) {
      return;
    }
    properties.fields().forEachRemaining(field -> {
      String fieldPath = path + "." + field.getKey();
      // fabric8's Condition type is described by Kubernetes itself.
      if (!fieldPath.startsWith("status.conditions")) {
        assertThat(field.getValue().has("description")).as(file.getFileName() + ": " + fieldPath + " has a description")
            .isTrue();
      }
      assertDescribed(fieldPath, field.getValue().get("properties"), file);
    });
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}

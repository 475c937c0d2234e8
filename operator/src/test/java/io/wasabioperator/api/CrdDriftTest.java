package io.wasabioperator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed under crds/ must be exactly what the Java model generates, with the printer
 * columns in the order the model declares them (the generator sorts them by JSON path).
 * Run with {@code -DupdateCrds=true} to rewrite crds/ after changing the model; the chart renders a copy of
 * them from helm/wasabi-operator/files/crds/ (install-tests' ChartFilesTest keeps it identical).
 */
class CrdDriftTest {
  private static final Path GENERATED = Path.of(System.getProperty("generatedCrds", "target/generated-crds"));
  private static final Path COMMITTED = Path.of(System.getProperty("committedCrds", "../crds"));
  private static final Map<String, Class<?>> KINDS = Map.of(
      "wasabistorageintegrations.storage.wasabi-operator.io-v1.yml", WasabiStorageIntegration.class,
      "signedurlrequests.storage.wasabi-operator.io-v1.yml", SignedUrlRequest.class,
      "wasabiplatformgrants.storage.wasabi-operator.io-v1.yml", WasabiPlatformGrant.class);
  private static final String HOW_TO_FIX = "the model changed: run `mvn -B test -Dtest=CrdDriftTest -DupdateCrds=true`,"
      + " copy crds/*.yml into helm/wasabi-operator/files/crds/ and commit both";

  @Test
  void committedCrdsMatchTheModel() throws IOException {
    for (Map.Entry<String, Class<?>> kind : KINDS.entrySet()) {
      String expected = expected(kind.getKey(), kind.getValue());
      Path committed = COMMITTED.resolve(kind.getKey());
      if (Boolean.getBoolean("updateCrds")) {
        Files.writeString(committed, expected);
      }
      assertThat(committed).as(HOW_TO_FIX).exists();
      assertThat(Files.readString(committed)).as(kind.getKey() + ": " + HOW_TO_FIX).isEqualTo(expected);
    }
    try (var files = Files.list(COMMITTED)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("only generated CRDs in crds/")
          .containsExactlyInAnyOrderElementsOf(KINDS.keySet());
    }
  }

  @Test
  void printerColumnsComeInTheDeclaredOrder() throws IOException {
    CustomResourceDefinition crd = Serialization.unmarshal(
        Files.readString(COMMITTED.resolve("wasabistorageintegrations.storage.wasabi-operator.io-v1.yml")),
        CustomResourceDefinition.class);
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Bucket", "Region", "Mode", "Ready", "Reason", "Age");
  }

  /** What {@code kubectl explain} shows: every level described, conditions field by field included. */
  @Test
  void everyFieldIsDescribedFromTheRootDown() throws IOException {
    for (String file : KINDS.keySet()) {
      JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(COMMITTED.resolve(file).toFile());
      JsonNode root = crd.at("/spec/versions/0/schema/openAPIV3Schema");
      assertThat(root.path("description").asText()).as(file + ": the root").isNotBlank();
      for (String part : List.of("spec", "status")) {
        assertThat(root.at("/properties/" + part + "/description").asText()).as(file + ": " + part).isNotBlank();
        assertDescribed(part, root.at("/properties/" + part + "/properties"), file);
      }
    }
  }

  /** metav1.Condition as the API conventions define it, in both kinds that have conditions. */
  @Test
  void conditionsAreAListMapOfMetaV1Conditions() throws IOException {
    for (String file : List.of("wasabistorageintegrations.storage.wasabi-operator.io-v1.yml",
        "signedurlrequests.storage.wasabi-operator.io-v1.yml")) {
      JsonNode status = new ObjectMapper(new YAMLFactory()).readTree(COMMITTED.resolve(file).toFile())
          .at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties");
      JsonNode conditions = status.get("conditions");
      assertThat(conditions.path("x-kubernetes-list-type").asText()).as(file).isEqualTo("map");
      assertThat(conditions.path("x-kubernetes-list-map-keys")).extracting(JsonNode::asText).containsExactly("type");
      JsonNode item = conditions.path("items");
      assertThat(item.path("required")).extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("type", "status", "lastTransitionTime", "reason", "message");
      assertThat(item.at("/properties/status/enum")).extracting(JsonNode::asText)
          .containsExactly("True", "False", "Unknown");
      assertThat(item.at("/properties/lastTransitionTime/format").asText()).isEqualTo("date-time");
      status.fields().forEachRemaining(field -> {
        if (field.getValue().path("description").asText().contains("RFC 3339")) {
          assertThat(field.getValue().path("format").asText()).as(file + ": " + field.getKey()).isEqualTo("date-time");
        }
      });
    }
  }

  /** The generated CRD with its printer columns in declaration order, and what {@link CrdConventions} adds. */
  private static String expected(String file, Class<?> kind) throws IOException {
    String generated = Files.readString(GENERATED.resolve(file));
    CustomResourceDefinition crd = Serialization.unmarshal(generated, CustomResourceDefinition.class);
    List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    crd.getSpec().getVersions().forEach(version -> version.getAdditionalPrinterColumns()
        .sort(Comparator.comparingInt(column -> declared.indexOf(column.getName()))));
    CrdConventions.apply(crd);
    String header = generated.lines().takeWhile(line -> line.startsWith("#")).map(line -> line + "\n")
        .reduce("", String::concat);
    return header + Serialization.asYaml(crd);
  }

  private static void assertDescribed(String path, JsonNode properties, String file) {
    if (properties == null) {
      return;
    }
    properties.fields().forEachRemaining(field -> {
      String fieldPath = path + "." + field.getKey();
      // fabric8's LabelSelector type is described by Kubernetes itself.
      if (!fieldPath.startsWith("spec.namespaceSelector.")) {
        assertThat(field.getValue().has("description")).as(file + ": " + fieldPath + " has a description").isTrue();
      }
      assertDescribed(fieldPath, field.getValue().get("properties"), file);
      assertDescribed(fieldPath + "[]", field.getValue().path("items").get("properties"), file);
    });
  }
}

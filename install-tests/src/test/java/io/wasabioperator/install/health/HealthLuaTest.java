package io.wasabioperator.install.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Each health.lua against each object its health_test.yaml names, as Argo CD's own resource tests do. */
class HealthLuaTest {

  @TestFactory
  Stream<DynamicTest> eachScriptGivesTheExpectedHealth() {
    return HealthCheck.allCases().stream().map(test -> DynamicTest.dynamicTest(test.name(), () -> {
      HealthStatus actual = ArgoCdLua.run(test.check().groupKind() + "/health.lua", test.check().scriptSource(),
          test.object());
      assertThat(actual).isEqualTo(test.expected());
    }));
  }

  @Test
  void everyKindOfTheOperatorHasAHealthCheck() throws IOException {
    Set<String> crdKinds = new TreeSet<>(crdVersionsByKind().keySet());
    // A grant has no conditions, nothing becomes of it: Argo CD shows it without a health, as a ConfigMap.
    crdKinds.remove("storage.wasabi-operator.io/WasabiPlatformGrant");
    Set<String> checked = HealthCheck.all().stream().map(HealthCheck::groupKind)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(checked).isEqualTo(crdKinds)
        .containsExactly("storage.wasabi-operator.io/SignedUrlRequest",
            "storage.wasabi-operator.io/WasabiStorageIntegration");
  }

  @Test
  void testdataObjectsAreOfTheirFoldersKindAndAServedVersion() throws IOException {
    Map<String, Set<String>> versions = crdVersionsByKind();
    for (HealthCheck.Case test : HealthCheck.allCases()) {
      JsonNode object = test.object();
      assertThat(object.path("kind").asText()).as(test.name()).isEqualTo(test.check().kind());
      String apiVersion = object.path("apiVersion").asText();
      assertThat(apiVersion).as(test.name()).startsWith(test.check().group() + "/");
      assertThat(versions.get(test.check().groupKind())).as(test.name())
          .contains(apiVersion.substring(apiVersion.indexOf('/') + 1));
      // The API server stores condition statuses as strings; an unquoted True in YAML would be a boolean.
      object.path("status").path("conditions").forEach(condition ->
          assertThat(condition.path("status").isTextual()).as(test.name() + " condition status").isTrue());
    }
  }

  @Test
  void everyTestdataFileIsInHealthTestYaml() {
    for (HealthCheck check : HealthCheck.all()) {
      List<String> listed = check.cases().stream().map(HealthCheck.Case::inputPath).sorted().toList();
      assertThat(listed).as(check.kind()).doesNotHaveDuplicates().isEqualTo(check.testdataFiles());
    }
  }

  @Test
  void theStatesTheIssueNamesAreCovered() {
    Map<String, HealthStatus> byCase = new TreeMap<>();
    HealthCheck.allCases().forEach(test -> byCase.put(test.name(), test.expected()));
    for (String kind : List.of("WasabiStorageIntegration", "SignedUrlRequest")) {
      assertThat(byCase.get(kind + "/testdata/healthy.yaml").status()).isEqualTo("Healthy");
      assertThat(byCase.get(kind + "/testdata/progressing.yaml").status()).isEqualTo("Progressing");
      assertThat(byCase.get(kind + "/testdata/degraded.yaml").status()).isEqualTo("Degraded");
    }
    // Ready stays True while a renewal runs; Issuing=True still makes it Progressing.
    assertThat(byCase.get("SignedUrlRequest/testdata/renewing.yaml").status()).isEqualTo("Progressing");
  }

  /** group/kind to the versions the CRDs in crds/ serve. */
  private static Map<String, Set<String>> crdVersionsByKind() throws IOException {
    Map<String, Set<String>> versions = new TreeMap<>();
    try (Stream<Path> files = Files.list(RepositoryFiles.resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
        JsonNode spec = YamlTrees.read(file).path("spec");
        Set<String> served = new TreeSet<>();
        spec.path("versions").forEach(version -> {
          if (version.path("served").asBoolean()) {
            served.add(version.path("name").asText());
          }
        });
        versions.put(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText(), served);
      }
    }
    return versions;
  }
}

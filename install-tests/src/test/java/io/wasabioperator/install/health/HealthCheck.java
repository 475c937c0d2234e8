package io.wasabioperator.install.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One kind's health check under {@code argocd/resource_customizations}, in Argo CD's layout:
 * {@code <group>/<kind>/health.lua}, {@code health_test.yaml} and the {@code testdata/} it names.
 */
record HealthCheck(String group, String kind, Path directory) {
  static final Path ROOT = RepositoryFiles.resolve("argocd/resource_customizations");

  /** One entry of health_test.yaml with the object it names. */
  record Case(HealthCheck check, String inputPath, HealthStatus expected, JsonNode object) {
    String name() {
      return check.kind() + "/" + inputPath;
    }
  }

  static List<HealthCheck> all() {
    try (Stream<Path> groups = Files.list(ROOT)) {
      List<HealthCheck> checks = new ArrayList<>();
      for (Path group : groups.filter(Files::isDirectory).toList()) {
        try (Stream<Path> kinds = Files.list(group)) {
          kinds.filter(kind -> Files.isRegularFile(kind.resolve("health.lua")))
              .forEach(kind -> checks.add(new HealthCheck(group.getFileName().toString(),
                  kind.getFileName().toString(), kind)));
        }
      }
      checks.sort(Comparator.comparing(HealthCheck::kind));
      return checks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Case> allCases() {
    return all().stream().flatMap(check -> check.cases().stream()).toList();
  }

  String groupKind() {
    return group + "/" + kind;
  }

  /** The argocd-cm key Argo CD reads this kind's health check from. */
  String configMapKey() {
    return "resource.customizations.health." + group + "_" + kind;
  }

  Path script() {
    return directory.resolve("health.lua");
  }

  String scriptSource() {
    try {
      return Files.readString(script());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Case> cases() {
    JsonNode tests = YamlTrees.read(directory.resolve("health_test.yaml")).path("tests");
    if (!tests.isArray() || tests.isEmpty()) {
      throw new IllegalStateException(directory.resolve("health_test.yaml") + " lists no tests");
    }
    List<Case> cases = new ArrayList<>();
    for (JsonNode test : tests) {
      String inputPath = test.path("inputPath").asText();
      JsonNode health = test.path("healthStatus");
      cases.add(new Case(this, inputPath,
          new HealthStatus(health.path("status").asText(), health.path("message").asText()),
          YamlTrees.read(directory.resolve(inputPath))));
    }
    return cases;
  }

  /** The files under testdata/, as health_test.yaml names them. */
  List<String> testdataFiles() {
    try (Stream<Path> files = Files.list(directory.resolve("testdata"))) {
      return files.map(file -> "testdata/" + file.getFileName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

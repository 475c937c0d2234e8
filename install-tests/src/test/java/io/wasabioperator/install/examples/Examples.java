package io.wasabioperator.install.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.wasabioperator.apiserver.CrdValidator;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The example manifests in examples/ and the CRDs in crds/ that they are checked against. */
final class Examples {
  static final String GROUP = "storage.wasabi-operator.io";
  static final String NAMESPACE = "annotation-platform";

  /**
   * CEL rules of the CRDs that {@link CrdValidator} does not evaluate because its CEL environment
   * cannot evaluate them as the API server does. Each entry must say why. Empty: every rule compiles
   * and behaves as in Kubernetes for the values tested ({@code CrdRulesTest} keeps this list honest).
   */
  static final Set<String> CEL_RULES_NOT_EVALUATED = Set.of();

  private static final YAMLMapper YAML = new YAMLMapper();

  private Examples() {}

  /** One YAML document of an example file. */
  record Manifest(Path file, int document, JsonNode object) {
    String apiVersion() {
      return object.path("apiVersion").asText("");
    }

    String kind() {
      return object.path("kind").asText("");
    }

    String name() {
      return object.path("metadata").path("name").asText("");
    }

    String namespace() {
      return object.path("metadata").path("namespace").asText("");
    }

    JsonNode spec() {
      return object.path("spec");
    }

    @Override
    public String toString() {
      return RepositoryFiles.root().relativize(file) + (document > 0 ? " (document " + (document + 1) + ")" : "")
          + " " + kind() + "/" + name();
    }
  }

  static Path directory() {
    return RepositoryFiles.resolve("examples");
  }

  /** Chart values, not manifests: the chart tests render them (HelmChartTest). */
  static Path helmValues() {
    return directory().resolve("helm");
  }

  /** Every YAML manifest under examples/, subfolders included, in path order. */
  static List<Path> files() {
    try (Stream<Path> paths = Files.walk(directory())) {
      return paths.filter(Files::isRegularFile)
          .filter(path -> !path.startsWith(helmValues()))
          .filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The documents of one file; empty documents (a lone ---) are left out, as kubectl does. */
  static List<Manifest> read(Path file) throws IOException {
    List<Manifest> manifests = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      int index = 0;
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          manifests.add(new Manifest(file, index, document));
        }
        index++;
      }
    }
    return manifests;
  }

  static List<Manifest> manifests() {
    List<Manifest> all = new ArrayList<>();
    for (Path file : files()) {
      try {
        all.addAll(read(file));
      } catch (IOException e) {
        throw new UncheckedIOException(file + " does not parse", e);
      }
    }
    return all;
  }

  static List<Manifest> ofKind(String kind) {
    return manifests().stream().filter(manifest -> manifest.kind().equals(kind)).toList();
  }

  static Manifest named(String kind, String name) {
    return manifests().stream()
        .filter(manifest -> manifest.kind().equals(kind) && manifest.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no example " + kind + "/" + name + " in " + directory()));
  }

  /** A validator for each CRD in crds/, loaded once: compiling the rules is the slow part. */
  static List<CrdValidator> crds() {
    return LoadedCrds.ALL;
  }

  private static final class LoadedCrds {
    static final List<CrdValidator> ALL = load();

    private static List<CrdValidator> load() {
      try (Stream<Path> paths = Files.list(RepositoryFiles.resolve("crds"))) {
        return paths.filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
            .sorted()
            .map(path -> CrdValidator.load(path, CEL_RULES_NOT_EVALUATED))
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static CrdValidator crdFor(String kind) {
    return crds().stream().filter(crd -> crd.kind().equals(kind)).findFirst()
        .orElseThrow(() -> new AssertionError("no CRD for " + kind + " in crds/"));
  }
}

package io.wasabioperator.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's CRDs as checked in at {@code crds/}: found from the system property {@code crdDirectory},
 * or from the working directory upwards (a module's tests run in the module's directory).
 */
public final class ProjectCrds {
  private static final String MARKER = "wasabistorageintegrations.storage.wasabi-operator.io-v1.yml";
  private static final YAMLMapper YAML = new YAMLMapper();

  private ProjectCrds() {}

  public static Path directory() {
    String configured = System.getProperty("crdDirectory");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("crds").resolve(MARKER))) {
        return dir.resolve("crds");
      }
    }
    throw new IllegalStateException("no crds/ directory with " + MARKER + " above " + Path.of("").toAbsolutePath()
        + "; set the system property crdDirectory");
  }

  /** Every CRD file of the directory, in name order. */
  public static List<Path> files() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> documents() {
    List<JsonNode> documents = new ArrayList<>();
    for (Path file : files()) {
      try {
        documents.add(YAML.readTree(Files.readString(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return documents;
  }
}

package io.wasabioperator.install.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** YAML read through fabric8's serialization into Jackson trees, the shape the API server hands to clients. */
final class YamlTrees {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private YamlTrees() {}

  static JsonNode read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String yaml) {
    return SERIALIZATION.unmarshal(yaml, JsonNode.class);
  }

  static <T> T parse(String yaml, Class<T> type) {
    return SERIALIZATION.unmarshal(yaml, type);
  }
}

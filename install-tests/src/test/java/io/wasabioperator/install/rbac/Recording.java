package io.wasabioperator.install.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The requests one scenario of the operator's end-to-end tests made, in a JSON Lines file: a header with the
 * scenario's name and the chart values whose render it corresponds to, then one line per request.
 */
public record Recording(Path file, String scenario, JsonNode chartValues, List<RecordedRequest> requests) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every `*.jsonl` in the directory, by file name; none when it does not exist. */
  public static List<Recording> readAll(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().map(Recording::read).toList();
    }
  }

  public static Recording read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JsonNode> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        parsed.add(MAPPER.readTree(lines.get(i)));
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": not JSON: " + e.getMessage(), e);
      }
    }
    if (parsed.isEmpty() || !parsed.get(0).has("scenario")) {
      throw new IllegalArgumentException(
          file + ": the first line must be the header {\"scenario\":...,\"chartValues\":...}");
    }
    JsonNode header = parsed.get(0);
    List<RecordedRequest> requests = parsed.subList(1, parsed.size()).stream()
        .map(line -> RecordedRequest.parse(MAPPER, line)).toList();
    return new Recording(file, header.get("scenario").asText(), header.path("chartValues"), requests);
  }

  /** The chart values as a Helm values file: JSON is YAML. */
  public String chartValuesYaml() {
    return chartValues.isObject() ? chartValues.toString() : "{}";
  }
}

package io.wasabioperator.install.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart's files agree with each other and with the rest of the repository. */
class ChartFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * Schema objects that may hold keys the schema does not list: maps, and Kubernetes types passed through.
   * A Kubernetes type is passed through open when its schema is large and grows with each Kubernetes release
   * (affinity terms, security contexts, a Volume's thirty-odd sources, an EnvVarSource): copying it would
   * refuse fields newer clusters accept, and the API server checks them anyway. Small, stable types
   * (tolerations, topology spread constraints, volume mounts, label selectors) are closed instead.
   */
  private static final Set<String> OPEN_OBJECTS = Set.of(
      "/definitions/stringMap", "/definitions/quantities",
      "/definitions/kubernetesObject",
      "/properties/volumes/items",
      // Helm gives every chart of a release the parent's globals: whatever they are, they must pass.
      "/properties/global",
      "/properties/affinity/properties/nodeAffinity",
      "/properties/affinity/properties/podAffinity",
      "/properties/affinity/properties/podAntiAffinity");

  /** The chart renders its CRDs from files/crds/ (templates/crds.yaml): the same bytes as the repository's crds/. */
  @Test
  void chartCrdsAreTheRepositoryCrds() throws IOException {
    Map<String, byte[]> repository = files(RepositoryFiles.resolve("crds"));
    Map<String, byte[]> chart = files(Chart.CRDS);

    assertThat(repository).isNotEmpty();
    assertThat(chart.keySet()).as("copy crds/*.yml into helm/wasabi-operator/files/crds/")
        .isEqualTo(repository.keySet());
    repository.forEach((name, bytes) -> {
      int mismatch = Arrays.mismatch(bytes, chart.get(name));
      assertThat(mismatch)
          .as("helm/wasabi-operator/files/crds/%s differs from crds/%s from line %d: copy it again", name, name,
              mismatch < 0 ? 0 : new String(bytes, 0, Math.min(mismatch, bytes.length)).split("\n", -1).length)
          .isEqualTo(-1);
    });
    assertThat(Chart.DIR.resolve("crds")).as("Helm's crds/ folder is never upgraded: the CRDs are templates")
        .doesNotExist();
  }

  @Test
  void schemaRefusesUnknownKeysAtEveryLevel() throws IOException {
    JsonNode schema = JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
    List<String> open = new ArrayList<>();
    findObjectsWithoutClosedKeys(schema, "", open);

    assertThat(open).as("object schemas without additionalProperties: false").isEmpty();
  }

  private static void findObjectsWithoutClosedKeys(JsonNode node, String pointer, List<String> open) {
    if (!node.isObject()) {
      return;
    }
    boolean isObjectSchema = node.path("type").asText().equals("object") || node.has("properties");
    if (isObjectSchema && !OPEN_OBJECTS.contains(pointer)) {
      JsonNode additional = node.get("additionalProperties");
      if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
        open.add(pointer);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      findObjectsWithoutClosedKeys(field.getValue(), pointer + "/" + field.getKey(), open);
    }
  }

  /** Editors and `helm show values` readers see the schema's descriptions: every property has one, nested ones too. */
  @Test
  void schemaDescribesEveryValue() throws IOException {
    JsonNode schema = JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
    List<String> undescribed = new ArrayList<>();
    findUndescribedProperties(schema, "", undescribed);

    assertThat(schema.path("properties").path("crds").path("properties").path("keep").path("description").asText())
        .as("nested properties are found").isNotBlank();
    assertThat(undescribed).as("properties without a description").isEmpty();
  }

  private static void findUndescribedProperties(JsonNode node, String pointer, List<String> undescribed) {
    if (!node.isContainerNode()) {
      return;
    }
    node.path("properties").fields().forEachRemaining(property -> {
      if (property.getValue().path("description").asText().isBlank()) {
        undescribed.add(pointer + "/properties/" + property.getKey());
      }
    });
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      findUndescribedProperties(field.getValue(), pointer + "/" + field.getKey(), undescribed);
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      findUndescribedProperties(node.get(i), pointer + "/" + i, undescribed);
    }
  }

  @Test
  void readmeDocumentsEveryValueWithItsDefault() throws IOException {
    Map<String, Object> values = YAML.readValue(Chart.DIR.resolve("values.yaml").toFile(), Map.class);
    JsonNode schema = JSON.readTree(Chart.DIR.resolve("values.schema.json").toFile());
    Map<String, Object> leaves = new TreeMap<>();
    collectLeaves(values, schema, schema, "", leaves);
    Map<String, String> documented = readmeValues();

    assertThat(leaves).containsKeys("image.tag", "watchNamespaces", "metrics.serviceMonitor.labels",
        "resources.limits");
    assertThat(documented.keySet()).as("rows of the README's Values table")
        .containsExactlyInAnyOrderElementsOf(leaves.keySet());
    leaves.forEach((path, value) -> expectedDefault(value).ifPresent(expected ->
        assertThat(documented.get(path)).as("README default of %s", path).isEqualTo("`" + expected + "`")));
  }

  /**
   * A value is documented as one row when it is a scalar, a list, or a map whose keys are the user's
   * (labels, annotations, resource quantities); closed objects are documented key by key.
   */
  private static void collectLeaves(Map<String, Object> values, JsonNode schema, JsonNode root, String prefix,
      Map<String, Object> leaves) {
    values.forEach((key, value) -> {
      String path = prefix + key;
      JsonNode property = resolve(schema.path("properties").path(key), root);
      boolean closed = property.path("additionalProperties").isBoolean()
          && !property.path("additionalProperties").asBoolean();
      if (value instanceof Map<?, ?> map && closed && !map.isEmpty()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) map;
        collectLeaves(nested, property, root, path + ".", leaves);
      } else {
        leaves.put(path, value);
      }
    });
  }

  private static JsonNode resolve(JsonNode node, JsonNode root) {
    return node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static Optional<String> expectedDefault(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.isEmpty() ? Optional.of("{}") : Optional.empty();
    }
    if (value instanceof List<?> list) {
      return list.isEmpty() ? Optional.of("[]") : Optional.empty();
    }
    String text = String.valueOf(value);
    return Optional.of(text.isEmpty() ? "\"\"" : text);
  }

  /** The first two cells of each row of the "## Values" table: the value's path and its default. */
  private static Map<String, String> readmeValues() throws IOException {
    String readme = Files.readString(Chart.DIR.resolve("README.md"));
    int start = readme.indexOf("\n## Values\n");
    assertThat(start).as("README has a Values section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| ([^|]*?) \\|").matcher(section);
    while (row.find()) {
      assertThat(rows.put(row.group(1), row.group(2))).as("row %s appears once", row.group(1)).isNull();
    }
    return rows;
  }

  /** Chart.yaml says where the chart comes from, and Artifact Hub's list of CRDs is the chart's CRDs. */
  @Test
  void chartMetadataListsTheChartsCrdsForArtifactHub() throws IOException {
    JsonNode chart = YAML.readTree(Chart.DIR.resolve("Chart.yaml").toFile());
    JsonNode annotations = chart.path("annotations");

    // policy/v1 PodDisruptionBudgets need 1.21; ChartUsersExpectTest renders on it.
    assertThat(chart.path("kubeVersion").asText()).isEqualTo(">=1.21.0-0");
    assertThat(chart.path("home").asText()).startsWith("https://");
    assertThat(chart.path("sources")).isNotEmpty().allSatisfy(s -> assertThat(s.asText()).startsWith("https://"));
    assertThat(chart.path("keywords")).isNotEmpty();
    assertThat(annotations.path("artifacthub.io/operator").asText()).isEqualTo("true");
    assertThat(YAML.readTree(annotations.path("artifacthub.io/links").asText())).isNotEmpty()
        .allSatisfy(link -> assertThat(link.path("url").asText()).startsWith("https://"));

    Map<String, String> listed = new TreeMap<>();
    for (JsonNode crd : YAML.readTree(annotations.path("artifacthub.io/crds").asText())) {
      assertThat(crd.path("displayName").asText()).isNotBlank();
      assertThat(crd.path("description").asText()).isNotBlank();
      listed.put(crd.path("name").asText(), crd.path("kind").asText() + " " + crd.path("version").asText());
    }
    Map<String, String> inChart = new TreeMap<>();
    for (Path file : files(Chart.CRDS).keySet().stream().map(Chart.CRDS::resolve).toList()) {
      JsonNode crd = YAML.readTree(file.toFile());
      inChart.put(crd.at("/metadata/name").asText(),
          crd.at("/spec/names/kind").asText() + " " + crd.at("/spec/versions/0/name").asText());
    }
    assertThat(listed).as("artifacthub.io/crds in Chart.yaml").isEqualTo(inChart).hasSize(3);
  }

  /** The chart sets runAsNonRoot without a runAsUser: the image must run as a numeric non-root user. */
  @Test
  void imageRunsAsTheNonRootUserAndPathsTheChartExpects() throws IOException {
    List<String> lines = Files.readAllLines(RepositoryFiles.resolve("Dockerfile"));
    List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();

    assertThat(users).as("the run stage's USER is the last one").isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).trim();
    assertThat(user).matches("[1-9][0-9]*(:[0-9]+)?");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("ENV JAVA_TOOL_OPTIONS=")
        .contains("-Djava.io.tmpdir=/tmp").contains("-XX:MaxRAMPercentage=75"));
    assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo("ENTRYPOINT [\"java\", "
        + "\"-XX:SharedArchiveFile=/app/wasabi-operator.jsa\", \"-jar\", \"/app/wasabi-operator.jar\"]"));
  }

  /** A CDS archive is tied to its JVM and class path: the training run uses the runtime image and the jar's final path. */
  @Test
  void theClassDataArchiveIsMadeOnTheRuntimeImageWithTheJarWhereItRuns() throws IOException {
    List<String> lines = Files.readAllLines(RepositoryFiles.resolve("Dockerfile"));
    assertThat(lines).as("the runtime base, a build argument").contains("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre");
    List<String> runtimes = lines.stream().filter(l -> l.startsWith("FROM ${RUNTIME_IMAGE}")).toList();
    assertThat(runtimes).as("the training stage and the final stage start from the same image").hasSize(2);
    assertThat(String.join("\n", lines))
        .contains("-XX:ArchiveClassesAtExit=/app/wasabi-operator.jsa -jar /app/wasabi-operator.jar")
        .contains("COPY --from=training /app/wasabi-operator.jsa /app/wasabi-operator.jsa");
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(Files::isRegularFile).toList()) {
        files.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }
}

package io.wasabioperator.install.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.wasabioperator.install.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrometheusRule and the Grafana dashboard query only metrics the operator really exports: every
 * metric name in their queries must appear in what the operator's end-to-end suites scraped from it
 * (one scrape of a healthy run, one with failed reconciles). An alert on a misspelt metric never fires.
 */
class MonitoringTest {
  private static final Path SCRAPES = RepositoryFiles.resolve("operator/target/metrics");
  private static final Pattern METRIC = Pattern.compile("\\b((?:wasabi_operator|operator_sdk|jvm)_[a-z0-9_]+)");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENABLED = """
      metrics:
        enabled: true
        prometheusRule: {enabled: true}
        dashboard: {enabled: true}
      """;

  @TempDir
  Path work;

  @Test
  void everyAlertAndPanelQueriesAMetricTheOperatorExports() throws IOException {
    Set<String> exported = exported();
    List<JsonNode> objects = objects(Chart.renderText(work, ENABLED));
    JsonNode rule = only(objects, "PrometheusRule");
    List<String> queries = new ArrayList<>();
    for (JsonNode alert : rule.at("/spec/groups/0/rules")) {
      queries.add(alert.path("expr").asText());
      assertThat(alert.path("annotations").path("summary").asText()).as(alert.path("alert").asText()).isNotBlank();
      assertThat(alert.path("annotations").path("description").asText()).isNotBlank();
      String runbook = alert.path("annotations").path("runbook_url").asText();
      assertThat(runbook).as(alert.path("alert").asText()).endsWith(
          alert.path("alert").asText().startsWith("WasabiOperatorSigning") ? "#when-the-alert-fires"
              : "#conditions-and-what-to-do-about-each-reason");
      // The anchor is a heading of README, as GitHub makes anchors of headings.
      assertThat(Files.readAllLines(RepositoryFiles.resolve("README.md")).stream().filter(l -> l.startsWith("#"))
          .map(l -> "#" + l.replaceFirst("^#+ ", "").toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-')))
          .as("README headings").contains(runbook.substring(runbook.indexOf('#')));
    }
    assertThat(rule.at("/spec/groups/0/rules")).extracting(a -> a.path("alert").asText()).containsExactly(
        "WasabiOperatorRenewalOverdue", "WasabiOperatorUrlExpiringSoon", "WasabiOperatorRequestsNotReady",
        "WasabiOperatorIntegrationsNotReady",
        "WasabiOperatorProbeFailures", "WasabiOperatorSigningApiErrors", "WasabiOperatorReconcileErrors");

    JsonNode dashboard = JSON.readTree(only(objects, "ConfigMap", "wasabi-operator-dashboard")
        .at("/data/wasabi-operator.json").asText());
    for (JsonNode panel : dashboard.path("panels")) {
      panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
    for (String query : queries) {
      Matcher metric = METRIC.matcher(query);
      assertThat(metric.find()).as("a metric in " + query).isTrue();
      do {
        assertThat(exported).as("metric " + metric.group(1) + " in " + query).contains(metric.group(1));
      } while (metric.find());
    }
  }

  @Test
  void alertsNeedTheMetricsPortAndAreOffByDefault() throws IOException {
    assertThat(objects(Chart.renderText(work, ""))).noneMatch(o -> o.path("kind").asText().equals("PrometheusRule"));
    assertThatThrownBy(() -> Chart.renderText(work, "metrics: {prometheusRule: {enabled: true}}\n"))
        .hasMessageContaining("metrics.prometheusRule.enabled=true needs metrics.enabled=true");
    assertThatThrownBy(() -> Chart.renderText(work, "metrics: {prometheusRule: {enabled: true, severity: high}}\n"))
        .hasMessageContaining("'severity' not allowed");
    // The operator takes 1.5h; Prometheus does not.
    assertThatThrownBy(() -> Chart.renderText(work, ENABLED + "probeInterval: 1.5h\n"))
        .hasMessageContaining("probeInterval written as Prometheus reads durations");
  }

  /** Every metric name in the operator's scrapes, with the suffixes Prometheus adds to histograms and summaries. */
  private static Set<String> exported() throws IOException {
    assertThat(SCRAPES).as("the operator's end-to-end tests write their scrapes there; run mvn verify").isDirectory();
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(SCRAPES)) {
      for (Path file : files.toList()) {
        Files.readAllLines(file).stream().filter(line -> !line.startsWith("#") && !line.isBlank())
            .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
      }
    }
    assertThat(names).contains("operator_sdk_reconciliations_failed_total");
    return names;
  }

  private static List<JsonNode> objects(String rendered) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(rendered)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          objects.add(node);
        }
      });
    }
    return objects;
  }

  private static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static JsonNode only(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }
}

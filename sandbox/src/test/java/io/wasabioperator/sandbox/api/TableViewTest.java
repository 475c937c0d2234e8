package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableViewTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TableView tables = new TableView(Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC));

  @Test
  void aCustomResourceRowHasNameThenThePrinterColumnsWithDatesAsAges() throws Exception {
    JsonNode version = JSON.readTree("""
        {"name": "v1alpha1", "additionalPrinterColumns": [
          {"name": "Bucket", "type": "string", "jsonPath": ".spec.bucket"},
          {"name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\\"Ready\\")].status"},
          {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}]}
        """);
    JsonNode object = JSON.readTree("""
        {"metadata": {"name": "demo", "creationTimestamp": "2026-01-01T00:57:30Z"}, "spec": {"bucket": "b"},
         "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
        """);
    Discovery.Resource resource = Discovery.BUILT_IN.get(0);
    JsonNode table = tables.table(tables.columns(resource, version), List.of(object), "7", null);
    assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Bucket", "Ready",
        "Age");
    assertThat(table.path("rows").get(0).path("cells").toString()).isEqualTo("[\"demo\",\"b\",\"True\",\"2m30s\"]");
    assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
  }

  @Test
  void agesAreWrittenAsKubectlWritesThem() {
    assertThat(TableView.humanDuration(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(TableView.humanDuration(Duration.ofSeconds(150))).isEqualTo("2m30s");
    assertThat(TableView.humanDuration(Duration.ofMinutes(65))).isEqualTo("65m");
    assertThat(TableView.humanDuration(Duration.ofHours(3).plusMinutes(5))).isEqualTo("3h5m");
    assertThat(TableView.humanDuration(Duration.ofDays(3))).isEqualTo("3d");
    assertThat(TableView.humanDuration(Duration.ofMinutes(-5))).isEqualTo("<invalid>");
  }
}

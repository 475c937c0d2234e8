package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathColumnTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsFieldsIndexesAndConditionFilters() throws Exception {
    JsonNode object = JSON.readTree("""
        {"spec": {"bucket": "b", "buckets": ["x", "y"]},
         "status": {"conditions": [{"type": "Validated", "status": "True"},
                                   {"type": "Ready", "status": "False", "reason": "AccessDenied"}]}}
        """);
    assertThat(JsonPathColumn.evaluate(object, ".spec.bucket")).extracting(JsonNode::asText).containsExactly("b");
    assertThat(JsonPathColumn.evaluate(object, ".spec.buckets[1]")).extracting(JsonNode::asText).containsExactly("y");
    assertThat(JsonPathColumn.evaluate(object, ".status.conditions[?(@.type==\"Ready\")].status"))
        .extracting(JsonNode::asText).containsExactly("False");
    assertThat(JsonPathColumn.evaluate(object, ".status.conditions[?(@.type!=\"Ready\")].type"))
        .extracting(JsonNode::asText).containsExactly("Validated");
    assertThat(JsonPathColumn.evaluate(object, ".status.conditions[*].type")).hasSize(2);
    assertThat(JsonPathColumn.evaluate(object, ".status.notAfter")).isEmpty();
  }

  @Test
  void knowsWhichPathsAreOutsideItsSubset() {
    assertThat(JsonPathColumn.isSupported(".status.conditions[?(@.type==\"Ready\")].status")).isTrue();
    assertThat(JsonPathColumn.isSupported(".spec.sizes[-1:]")).isFalse();
    assertThat(JsonPathColumn.isSupported("{.spec.size}")).isFalse();
  }
}

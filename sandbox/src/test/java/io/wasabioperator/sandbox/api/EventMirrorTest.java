package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventMirrorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void servesAnEventsV1EventAsCoreV1AndFiltersByInvolvedObject() throws Exception {
    JsonNode event = JSON.readTree("""
        {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "x.1", "namespace": "demo"},
         "eventTime": "2026-01-01T00:00:00.000000Z", "note": "issued", "reason": "Issued", "type": "Normal",
         "reportingController": "wasabi-operator", "reportingInstance": "pod-1", "deprecatedCount": 3,
         "regarding": {"kind": "SignedUrlRequest", "name": "x", "namespace": "demo", "uid": "u1"}}
        """);
    JsonNode core = EventMirror.toCoreV1(event);
    assertThat(core.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(core.path("message").asText()).isEqualTo("issued");
    assertThat(core.path("involvedObject").path("uid").asText()).isEqualTo("u1");
    assertThat(core.path("source").path("component").asText()).isEqualTo("wasabi-operator");
    assertThat(core.path("reportingComponent").asText()).isEqualTo("wasabi-operator");
    assertThat(core.path("count").asInt()).isEqualTo(3);
    assertThat(core.has("note") || core.has("regarding")).isFalse();
    assertThat(EventMirror.matches(core, "involvedObject.name=x,involvedObject.namespace=demo,involvedObject.uid=u1"))
        .isTrue();
    assertThat(EventMirror.matches(core, "involvedObject.name=y")).isFalse();
    assertThat(EventMirror.matches(core, "type!=Warning,source=wasabi-operator")).isTrue();
  }
}

package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** RFC 7386's rules, with examples from its appendix. */
class JsonMergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nullRemovesAMember() throws Exception {
    assertThat(apply("{\"a\": \"b\", \"c\": 1}", "{\"a\": null}")).isEqualTo(json("{\"c\": 1}"));
    assertThat(apply("{\"c\": 1}", "{\"a\": null}")).as("absent stays absent").isEqualTo(json("{\"c\": 1}"));
  }

  @Test
  void nestedObjectsMerge() throws Exception {
    assertThat(apply("{\"a\": {\"b\": \"c\", \"d\": 1}}", "{\"a\": {\"b\": \"x\", \"d\": null, \"e\": {\"f\": null}}}"))
        .isEqualTo(json("{\"a\": {\"b\": \"x\", \"e\": {}}}"));
  }

  @Test
  void arraysAndScalarsAreReplacedWhole() throws Exception {
    assertThat(apply("{\"a\": [1, 2, 3]}", "{\"a\": [4]}")).isEqualTo(json("{\"a\": [4]}"));
    assertThat(apply("{\"a\": {\"b\": 1}}", "{\"a\": \"c\"}")).isEqualTo(json("{\"a\": \"c\"}"));
    assertThat(apply("{\"a\": \"c\"}", "{\"a\": {\"b\": 1}}")).isEqualTo(json("{\"a\": {\"b\": 1}}"));
  }

  @Test
  void aPatchThatIsNotAnObjectReplacesTheTarget() throws Exception {
    assertThat(apply("{\"a\": \"b\"}", "[\"c\"]")).isEqualTo(json("[\"c\"]"));
    assertThat(apply("{\"a\": \"b\"}", "\"text\"")).isEqualTo(json("\"text\""));
  }

  @Test
  void theTargetIsNotChanged() throws Exception {
    JsonNode target = json("{\"a\": {\"b\": 1}}");
    JsonMergePatch.apply(target, json("{\"a\": {\"b\": null}}"));
    assertThat(target).isEqualTo(json("{\"a\": {\"b\": 1}}"));
  }

  private static JsonNode apply(String target, String patch) throws Exception {
    return JsonMergePatch.apply(json(target), json(patch));
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}

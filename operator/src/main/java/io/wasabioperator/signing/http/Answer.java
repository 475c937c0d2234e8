package io.wasabioperator.signing.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer: status, extra headers and a JSON body. */
public record Answer(int status, Map<String, String> headers, byte[] body) {
  public static Answer json(int status, String json) {
    return new Answer(status, Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  public Answer withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new Answer(status, Map.copyOf(more), body);
  }
}

package io.wasabioperator.sandbox.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code kubectl create token} sends its TokenRequest as protobuf: made JSON here, for the fields it has (the
 * audiences and the lifetime), before the token is issued behind.
 */
public final class TokenRequestBodies extends Dispatcher {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private final Dispatcher next;

  public TokenRequestBodies(Dispatcher next) {
    this.next = next;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    if (!request.getMethod().equals("POST") || !request.getPath().replaceFirst("\\?.*$", "").endsWith("/token")
        || !ProtobufFields.isProtobuf(body)) {
      return next.dispatch(request);
    }
    byte[] json;
    try {
      json = tokenRequest(ProtobufFields.object(body)).toString().getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      // Whatever the bytes: an answer, never a request left hanging.
      return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
          .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"BadRequest\","
              + "\"code\":400,\"message\":\"the TokenRequest cannot be read\"}");
    }
    Headers headers = request.getHeaders().newBuilder().set("Content-Type", "application/json")
        .set("Content-Length", Integer.toString(json.length)).build();
    return next.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
        new Buffer(json)));
  }

  /** A TokenRequest (metadata 1, spec 2: audiences 1, expirationSeconds 2) as JSON. */
  private static ObjectNode tokenRequest(byte[] raw) {
    ObjectNode request = JSON.objectNode().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
    ObjectNode spec = request.putObject("spec");
    ArrayNode audiences = spec.putArray("audiences");
    ProtobufFields fields = new ProtobufFields(ByteBuffer.wrap(raw));
    while (fields.next()) {
      if (fields.field != 2) {
        fields.skip();
        continue;
      }
      ProtobufFields specFields = new ProtobufFields(ByteBuffer.wrap(fields.bytes()));
      while (specFields.next()) {
        switch (specFields.field) {
          case 1 -> audiences.add(specFields.string());
          case 2 -> spec.put("expirationSeconds", specFields.varint());
          default -> specFields.skip();
        }
      }
    }
    return request;
  }
}

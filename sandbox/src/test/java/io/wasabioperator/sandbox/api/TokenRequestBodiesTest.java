package io.wasabioperator.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** kubectl's protobuf TokenRequest made JSON; a body that is not one answered 400, never left hanging. */
class TokenRequestBodiesTest {
  private final AtomicReference<String> passed = new AtomicReference<>();
  private final TokenRequestBodies bodies = new TokenRequestBodies(new Dispatcher() {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      passed.set(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
      return new MockResponse().setResponseCode(201);
    }
  });

  private MockResponse post(byte[] body) {
    return bodies.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST,
        "/api/v1/namespaces/demo/serviceaccounts/viewer/token", Headers.builder().build(), new Buffer(body)));
  }

  @Test
  void theAudiencesAndLifetimeOfKubectlsProtobufReachTheIssuerAsJson() {
    // runtime.Unknown{raw: TokenRequest{spec: {audiences: ["wasabi-operator"], expirationSeconds: 600}}}
    byte[] spec = concat(field(1, "wasabi-operator".getBytes(StandardCharsets.US_ASCII)), new byte[] {0x10,
        (byte) 0xd8, 0x04});
    byte[] request = field(2, spec);
    byte[] envelope = concat(new byte[] {'k', '8', 's', 0}, field(2, request));

    assertThat(post(envelope).code()).isEqualTo(201);
    assertThat(passed.get()).contains("\"audiences\":[\"wasabi-operator\"]", "\"expirationSeconds\":600");
  }

  @Test
  void aLengthPastTheBodyIsRefusedWith400AndAllocatesNothing() {
    // A field claiming about 2 GiB in a body of a few bytes.
    byte[] lying = {'k', '8', 's', 0, 0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3};
    assertThat(post(lying).code()).isEqualTo(400);
    byte[] negative = {'k', '8', 's', 0, 0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
    assertThat(post(negative).code()).isEqualTo(400);
    assertThat(passed.get()).isNull();
  }

  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(number << 3 | 2);
    int length = value.length;
    while (length >= 0x80) {
      out.write(length & 0x7f | 0x80);
      length >>>= 7;
    }
    out.write(length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}

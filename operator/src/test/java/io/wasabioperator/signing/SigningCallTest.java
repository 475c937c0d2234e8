package io.wasabioperator.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigningCallTest {
  private static final Duration CAP = Duration.ofHours(1);

  @Test
  void defaultsToGetFor15Minutes() {
    SigningCall call = accepted("{\"keys\": [\"images/a.jpg\", \"images/b.jpg\"]}");

    assertThat(call.keys()).containsExactly("images/a.jpg", "images/b.jpg");
    assertThat(call.method()).isEqualTo(HttpMethod.GET);
    assertThat(call.duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(call.contentType()).isEmpty();
  }

  @Test
  void aPutMayCarryTheContentTypeSignedIntoIt() {
    SigningCall call = accepted("{\"keys\": [\"up/a.png\"], \"method\": \"PUT\", \"duration\": \"1h\", "
        + "\"contentType\": \"image/png\"}");

    assertThat(call.method()).isEqualTo(HttpMethod.PUT);
    assertThat(call.duration()).isEqualTo(CAP);
    assertThat(call.contentType()).contains("image/png");
  }

  @Test
  void takesAThousandKeysOfAKilobyteEach() {
    StringBuilder body = new StringBuilder("{\"keys\": [");
    for (int i = 0; i < SigningCall.MAX_KEYS; i++) {
      body.append(i == 0 ? "" : ",").append('"').append(String.format("%04d", i)).append("k".repeat(1020)).append('"');
    }
    SigningCall call = accepted(body.append("]}").toString());

    assertThat(call.keys()).hasSize(1000).allSatisfy(key -> assertThat(key).hasSize(1024));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "not json | 400 | MalformedBody",
      "[] | 400 | MalformedBody",
      "{\"keys\": []} | 400 | MalformedBody",
      "{\"keys\": \"a.jpg\"} | 400 | MalformedBody",
      "{\"keys\": [1]} | 400 | MalformedBody",
      "{\"keys\": [\"a\"], \"method\": \"DELETE\"} | 400 | MalformedBody",
      "{\"keys\": [\"a\"], \"duration\": \"30s\"} | 400 | MalformedBody",
      "{\"keys\": [\"a\"], \"duration\": \"soon\"} | 400 | MalformedBody",
      "{\"keys\": [\"a\"], \"duration\": \"2h\"} | 422 | DurationTooLong",
      "{\"keys\": [\"a\"], \"contentType\": \"image/png\"} | 400 | MalformedBody",
      "{\"keys\": [\"a\"], \"method\": \"PUT\", \"contentType\": \"image/png\\r\\nX: y\"} | 400 | MalformedBody",
      "{\"keys\": [\"a\"], \"key\": \"b\"} | 400 | MalformedBody"})
  void refusesAWholeCallWithTheStatusAndReasonOfTheTable(String body, int status, String reason) {
    SigningCall.Parsed parsed = SigningCall.parse(body.getBytes(StandardCharsets.UTF_8), CAP);

    assertThat(parsed).isInstanceOfSatisfying(SigningCall.Parsed.Refused.class, refused -> {
      assertThat(refused.refusal().status()).isEqualTo(status);
      assertThat(refused.refusal().reason()).isEqualTo(reason);
      assertThat(refused.refusal().message()).isNotBlank();
    });
  }

  @Test
  void tooManyKeysAndTooLargeABodyAre413() {
    String keys = "\"a\",".repeat(SigningCall.MAX_KEYS) + "\"a\"";
    assertThat(refusal("{\"keys\": [" + keys + "]}")).isEqualTo(Optional.of(413));
    assertThat(refusal("{\"keys\": [\"" + "k".repeat(SigningCall.MAX_BODY_BYTES) + "\"]}"))
        .isEqualTo(Optional.of(413));
  }

  private static Optional<Integer> refusal(String body) {
    SigningCall.Parsed parsed = SigningCall.parse(body.getBytes(StandardCharsets.UTF_8), CAP);
    return parsed instanceof SigningCall.Parsed.Refused refused ? Optional.of(refused.refusal().status())
        : Optional.empty();
  }

  private static SigningCall accepted(String body) {
    SigningCall.Parsed parsed = SigningCall.parse(body.getBytes(StandardCharsets.UTF_8), CAP);
    assertThat(parsed).isInstanceOf(SigningCall.Parsed.Accepted.class);
    return ((SigningCall.Parsed.Accepted) parsed).call();
  }
}

package io.wasabioperator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  @ParameterizedTest
  @CsvSource({"90s,90000", "10m,600000", "4h,14400000", "1h30m,5400000", "500ms,500", "1m30s250ms,90250",
      "0s,0", "0,0", "2h0m0s,7200000", "1.5h,5400000", "2.5s,2500", ".5m,30000", "1.m,60000",
      "300000us,300", "300000µs,300", "1000000ns,1"})
  void parsesGoDurations(String text, long millis) {
    assertThat(GoDuration.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 5m", "5", "-5m", "+5m", "5 m", ".h", "5d", "5M", "m5", "1h-30m", "99999999999999h",
      "87601h", "1..5h"})
  void refusesAnythingElse(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"14400000,4h", "5400000,1h30m", "45000,45s", "500,500ms", "0,0s"})
  void formatsShortest(long millis, String text) {
    assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}

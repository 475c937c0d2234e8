package io.wasabioperator.signedurl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.integration.IntegrationTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestGateTest {
  @ParameterizedTest(name = "{0} {1} on a {2} integration granted ''{3}'', mirax {4}: {5}")
  @CsvSource(nullValues = "none", value = {
      "GET, images/a.jpg,     ReadOnly,  '',       false, none",
      "PUT, images/a.jpg,     ReadWrite, '',       false, none",
      "PUT, images/a.jpg,     ReadOnly,  '',       false, IntegrationReadOnly",
      "GET, images/a.jpg,     ReadOnly,  scans/,   false, KeyOutsideAccessPrefix",
      "GET, scans/a.jpg,      ReadOnly,  scans/,   false, none",
      "GET, scans/case.mrxs,  ReadOnly,  scans/,   false, MiraxNotEnabled",
      "GET, scans/case.mrxs,  ReadOnly,  scans/,   true,  none",
      "PUT, other/case.mrxs,  ReadOnly,  scans/,   false, IntegrationReadOnly"})
  void refusesWhatTheIntegrationCannotSign(HttpMethod method, String key, AccessMode mode, String accessPrefix,
      boolean mirax, SignedUrlReason expected) {
    RequestPlan plan = new RequestPlan("store", key, method, Optional.empty(), Duration.ofHours(4),
        Duration.ofMinutes(80), "url", Map.of(), Map.of(), key.endsWith(".mrxs"));
    IntegrationTarget target = new IntegrationTarget("bucket", "us-east-1", mode,
        URI.create("https://s3.us-east-1.wasabisys.com"), false, accessPrefix, Optional.empty(), mirax, "bucket",
        "arn:aws:iam::100000274636:user/darwin", Duration.ofMinutes(10), Optional.empty(), Optional.empty());

    Optional<RequestGate.Refusal> refusal = RequestGate.check(plan, target);
    assertThat(refusal.map(RequestGate.Refusal::reason)).isEqualTo(Optional.ofNullable(expected));
    refusal.ifPresent(r -> assertThat(r.message()).contains("store"));
  }
}

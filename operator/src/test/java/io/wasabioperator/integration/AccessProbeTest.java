package io.wasabioperator.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.storage.AddressRange;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.BucketClient;
import io.wasabioperator.storage.PrivateAddressGuard;
import io.wasabioperator.storage.S3CallListener;
import io.wasabioperator.storage.S3ClientFactory;
import io.wasabioperator.storage.StorageCredentials;
import io.wasabioperator.testsupport.RecordedS3Stub;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a probe's messages tell a tenant about the endpoint's answers, from a recorded S3 answer. */
class AccessProbeTest {
  private static final StorageCredentials KEYS = new StorageCredentials("AKIAPROBE00000000001", "probe-secret");
  private static final S3Timeouts TIMEOUTS = new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
      Duration.ofSeconds(10));
  private static final String REMOTE_MESSAGE = "We encountered an internal error";

  @Test
  void anOverriddenEndpointsAnswerIsReportedByItsCodeOnly() throws Exception {
    ProbeOutcome outcome = probeAgainstInternalError(true);
    assertThat(outcome.reason()).isEqualTo(IntegrationReason.ProbeFailed);
    assertThat(outcome.message()).contains("InternalError").contains("HTTP 500").doesNotContain(REMOTE_MESSAGE);
  }

  @Test
  void wasabisOwnEndpointsKeepTheirMessage() throws Exception {
    ProbeOutcome outcome = probeAgainstInternalError(false);
    assertThat(outcome.reason()).isEqualTo(IntegrationReason.ProbeFailed);
    assertThat(outcome.message()).contains("InternalError").contains(REMOTE_MESSAGE);
  }

  @Test
  void anEndpointInsideTheClusterIsNotAllowed() throws Exception {
    try (RecordedS3Stub stub = new RecordedS3Stub(RecordedS3Stub.INTERNAL_ERROR);
        S3ClientFactory s3 = new S3ClientFactory(TIMEOUTS, S3CallListener.NONE, PrivateAddressGuard.refusingAll());
        BucketClient bucket = s3.open(new BucketAddress(stub.endpoint(), "us-east-1", true, "bucket"), KEYS)) {
      ProbeOutcome outcome = new AccessProbe(target(stub.endpoint(), true), "Secret keys").run(bucket);
      assertThat(outcome.reason()).isEqualTo(IntegrationReason.EndpointNotAllowed);
      assertThat(outcome.message()).contains("WASABI_OPERATOR_PRIVATE_ENDPOINT_CIDRS").doesNotContain("127.0.0.1");
      assertThat(stub.requestCount()).isZero();
    }
  }

  /**
   * @param overridden whether the target's endpoint comes from spec.endpoint; either way the client talks
   *     to the stub, addressing the bucket in the path
   */
  private static ProbeOutcome probeAgainstInternalError(boolean overridden) throws Exception {
    PrivateAddressGuard loopback = new PrivateAddressGuard(List.of(AddressRange.parse("127.0.0.0/8")));
    try (RecordedS3Stub stub = new RecordedS3Stub(RecordedS3Stub.INTERNAL_ERROR);
        S3ClientFactory s3 = new S3ClientFactory(TIMEOUTS, S3CallListener.NONE, loopback);
        BucketClient bucket = s3.open(new BucketAddress(stub.endpoint(), "us-east-1", true, "bucket"), KEYS)) {
      return new AccessProbe(target(stub.endpoint(), overridden), "Secret keys").run(bucket);
    }
  }

  private static IntegrationTarget target(URI endpoint, boolean overridden) {
    return new IntegrationTarget("bucket", "us-east-1", AccessMode.ReadOnly, endpoint, overridden, "",
        Optional.empty(), false, "bucket", "arn:aws:iam::100000274636:user/darwin", Duration.ofMinutes(10),
        Optional.empty(), Optional.empty());
  }
}

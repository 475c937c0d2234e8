package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.testsupport.FaultyProxy;
import io.wasabioperator.testsupport.S3TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S3 client against a real S3 server on loopback, counting the connections that reach it: the guard
 * refuses an address before any connection is made, whether the endpoint names it or a name resolves to
 * it, and lets allowed ranges through.
 */
class GuardedS3ConnectionIT {
  private static final String BUCKET = "guarded";
  private static final StorageCredentials KEYS =
      new StorageCredentials(S3TestServer.READ_WRITE.accessKeyId(), S3TestServer.READ_WRITE.secretAccessKey());
  // A connect attempt to an unanswering address would take this long, and the call twice as long.
  private static final S3Timeouts TIMEOUTS =
      new S3Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
  private static final PrivateAddressGuard LOOPBACK_ALLOWED =
      new PrivateAddressGuard(List.of(AddressRange.parse("127.0.0.0/8")));
  private static final String UNANSWERING_PRIVATE_ADDRESS = "10.255.255.1";

  private static S3TestServer s3;
  private FaultyProxy connections;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3TestServer();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @BeforeEach
  void countConnections() throws Exception {
    connections = new FaultyProxy(s3.endpoint(), Duration.ZERO);
  }

  @AfterEach
  void stopCounting() throws Exception {
    connections.close();
  }

  @ParameterizedTest(name = "http://{0}:<port>")
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void refusesLoopbackWithoutConnecting(String host) {
    S3Failure failure = listWith(PrivateAddressGuard.refusingAll(), "http://" + host + ":" + port());
    assertThat(failure.kind()).isEqualTo(S3FailureKind.REFUSED_ADDRESS);
    assertThat(failure.toString()).doesNotContain("127.0.0.1");
    assertThat(connections.connections()).as("connections that reached the server").isZero();
  }

  @Test
  void connectsToAnAllowedRange() {
    try (S3ClientFactory factory = new S3ClientFactory(TIMEOUTS, S3CallListener.NONE, LOOPBACK_ALLOWED);
        BucketClient bucket = factory.open(address("http://127.0.0.1:" + port()), KEYS)) {
      assertThat(bucket.listOne("")).isEqualTo(new S3Result.Ok<>(false));
    }
    assertThat(connections.connections()).isPositive();
  }

  @Test
  void refusesOtherPrivateRangesAtOnce() {
    long started = System.nanoTime();
    S3Failure failure = listWith(LOOPBACK_ALLOWED, "http://" + UNANSWERING_PRIVATE_ADDRESS + ":9");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(failure.kind()).isEqualTo(S3FailureKind.REFUSED_ADDRESS);
    assertThat(failure.toString()).doesNotContain(UNANSWERING_PRIVATE_ADDRESS);
    assertThat(took).as("time to fail").isLessThan(TIMEOUTS.connect().dividedBy(2));
  }

  private S3Failure listWith(PrivateAddressGuard guard, String endpoint) {
    try (S3ClientFactory factory = new S3ClientFactory(TIMEOUTS, S3CallListener.NONE, guard);
        BucketClient bucket = factory.open(address(endpoint), KEYS)) {
      S3Result<Boolean> listed = bucket.listOne("");
      assertThat(listed).isInstanceOf(S3Result.Failed.class);
      return ((S3Result.Failed<Boolean>) listed).failure();
    }
  }

  private int port() {
    return connections.endpoint().getPort();
  }

  private static BucketAddress address(String endpoint) {
    return new BucketAddress(URI.create(endpoint), "us-east-1", true, BUCKET);
  }
}

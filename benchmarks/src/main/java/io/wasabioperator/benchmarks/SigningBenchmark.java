package io.wasabioperator.benchmarks;

import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.StorageCredentials;
import io.wasabioperator.storage.UrlSigner;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned URLs per second through the operator's signing path, beside the AWS SDK's own
 * S3Presigner with the same inputs: the floor. Both sign a GET for the same key, endpoint, region,
 * credentials and validity.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SigningBenchmark {
  private static final URI ENDPOINT = URI.create("https://s3.eu-central-2.wasabisys.com");
  private static final String BUCKET = "customer-a-slides";
  private static final String KEY = "slides/case 7/tile_0001.jpg";
  private static final Duration VALIDITY = Duration.ofHours(4);
  private static final StorageCredentials CREDENTIALS =
      new StorageCredentials("AKIABENCHMARK0000001", "benchmark-secret-key-0123456789abcdefghij");

  private final UrlSigner signer = new UrlSigner();
  private final BucketAddress address = new BucketAddress(ENDPOINT, "eu-central-2", false, BUCKET);
  private final Instant signingTime = Instant.parse("2026-11-28T10:00:00Z");
  private S3Presigner presigner;

  @Setup
  public void setUp() {
    presigner = S3Presigner.builder()
        .region(Region.of("eu-central-2"))
        .endpointOverride(ENDPOINT)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(false).build())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey())))
        .build();
  }

  @TearDown
  public void tearDown() {
    presigner.close();
  }

  @Benchmark
  public URI operatorSigningPath() {
    return signer.presign(address, CREDENTIALS, KEY, "GET", Optional.empty(), signingTime, VALIDITY);
  }

  @Benchmark
  public java.net.URL sdkPresignerFloor() {
    return presigner.presignGetObject(r -> r.signatureDuration(VALIDITY).getObjectRequest(g -> g.bucket(BUCKET).key(KEY)))
        .url();
  }
}

package io.wasabioperator.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Presigns S3 GET and PUT URLs with the AWS SDK's SigV4 signer. Unlike the SDK's S3Presigner, the
 * signing time is a parameter, so the operator signs with its injected clock and records the exact
 * expiry. Pure computation: no network call.
 */
public final class UrlSigner {
  private static final HttpSigner<AwsCredentialsIdentity> SIGNER = AwsV4HttpSigner.create();

  /**
   * @param contentType for PUT: the Content-Type the upload must send, which becomes part of the signature
   */
  public URI presign(BucketAddress address, StorageCredentials credentials, String key, String method,
      Optional<String> contentType, Instant signingTime, Duration validity) {
    URI endpoint = address.endpoint();
    String encodedKey = SdkHttpUtils.urlEncodeIgnoreSlashes(key);
    String host = address.pathStyle() ? endpoint.getHost() : address.bucket() + "." + endpoint.getHost();
    String path = address.pathStyle() ? "/" + address.bucket() + "/" + encodedKey : "/" + encodedKey;
    SdkHttpRequest.Builder request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.fromValue(method))
        .protocol(endpoint.getScheme())
        .host(host)
        .encodedPath(path);
    if (endpoint.getPort() != -1) {
      request.port(endpoint.getPort());
    }
    contentType.ifPresent(type -> request.putHeader("Content-Type", type));
    SdkHttpRequest signed = SIGNER.sign(r -> r
            .identity(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
            .request(request.build())
            .putProperty(AwsV4HttpSigner.REGION_NAME, address.region())
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
            .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, validity)
            .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
            // S3 signs the path as sent: no second encoding, no dot-segment normalisation.
            .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
            .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC)))
        .request();
    return signed.getUri();
  }
}

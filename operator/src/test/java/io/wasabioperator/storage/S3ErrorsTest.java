package io.wasabioperator.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "403|AccessDenied|Access Denied|ACCESS_DENIED",
      "403|-|-|ACCESS_DENIED",
      "404|NoSuchKey|The specified key does not exist.|NOT_FOUND",
      "404|-|-|NOT_FOUND",
      "404|NoSuchBucket|The specified bucket does not exist|NO_SUCH_BUCKET",
      "403|InvalidAccessKeyId|The AWS Access Key Id you provided does not exist in our records.|INVALID_CREDENTIALS",
      "403|SignatureDoesNotMatch|The request signature we calculated does not match|INVALID_CREDENTIALS",
      "400|AuthorizationHeaderMalformed|the region 'us-east-1' is wrong; expecting 'eu-central-2'|WRONG_REGION",
      "400|AuthorizationHeaderMalformed|a non-empty Access Key (AKID) must be provided in the credential.|INVALID_CREDENTIALS",
      "301|PermanentRedirect|The bucket you are attempting to access must be addressed using the specified endpoint.|WRONG_REGION",
      "301|-|-|WRONG_REGION",
      "500|InternalError|We encountered an internal error.|OTHER",
      "503|SlowDown|Please reduce your request rate.|OTHER"})
  void classifiesServiceErrors(int status, String code, String message, S3FailureKind kind) {
    S3Exception exception = (S3Exception) S3Exception.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
        .build();
    S3Failure failure = S3Errors.classify(exception);
    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.httpStatus()).isEqualTo(status);
    assertThat(failure.errorCode()).isEqualTo(code == null ? "HTTP " + status : code);
  }

  @Test
  void readsTheBucketsRegionFromTheHeader() {
    S3Exception exception = (S3Exception) S3Exception.builder().statusCode(301)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("PermanentRedirect")
            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(301)
                .putHeader("x-amz-bucket-region", "eu-central-2").build()).build())
        .build();
    assertThat(S3Errors.classify(exception).regionHint()).isEqualTo("eu-central-2");
  }

  @Test
  void noAnswerIsUnreachable() {
    S3Failure refused = S3Errors.classify(SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(new ConnectException("Connection refused")).build());
    assertThat(refused.kind()).isEqualTo(S3FailureKind.UNREACHABLE);
    assertThat(refused.errorCode()).isEqualTo("connection refused");
    assertThat(refused.detail()).isEmpty();

    S3Failure timeout = S3Errors.classify(ApiCallTimeoutException.create(10_000));
    assertThat(timeout.kind()).isEqualTo(S3FailureKind.UNREACHABLE);
    assertThat(timeout.errorCode()).isEqualTo("timed out");

    S3Failure odd = S3Errors.classify(SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(new IllegalStateException("pool shut down")).build());
    assertThat(odd.errorCode()).isEqualTo("transport error");
    assertThat(odd.detail()).isEqualTo("pool shut down");
  }

  @Test
  void aRefusedAddressIsNotAnUnknownHost() {
    S3Failure refused = S3Errors.classify(SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(new RefusedAddressException()).build());
    assertThat(refused).isEqualTo(new S3Failure(S3FailureKind.REFUSED_ADDRESS, 0, "address refused", "", null));
  }

  @Test
  void aChainToNoTrustedCaIsNotTrustedRatherThanAFailedHandshake() {
    // As the JDK reports it: its internal ValidatorException is a CertificateException.
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed: "
        + "unable to find valid certification path to requested target");
    handshake.initCause(new CertificateException("PKIX path building failed",
        new CertPathBuilderException("unable to find valid certification path to requested target")));
    S3Failure untrusted = S3Errors.classify(SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(handshake).build());
    assertThat(untrusted).isEqualTo(
        new S3Failure(S3FailureKind.UNTRUSTED_CERTIFICATE, 0, "certificate not trusted", "", null));

    S3Failure otherHandshake = S3Errors.classify(SdkClientException.builder().message("Unable to execute HTTP request")
        .cause(new SSLHandshakeException("Received fatal alert: handshake_failure")).build());
    assertThat(otherHandshake.kind()).isEqualTo(S3FailureKind.UNREACHABLE);
    assertThat(otherHandshake.errorCode()).isEqualTo("TLS handshake failed");
  }
}

package io.wasabioperator.storage;

import java.security.cert.CertPathBuilderException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK exceptions into {@link S3Failure}s. */
final class S3Errors {
  private static final Set<String> BAD_CREDENTIALS =
      Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "InvalidSecurity");
  private static final Set<String> WRONG_REGION = Set.of("PermanentRedirect", "IllegalLocationConstraintException");
  private static final int MAX_DETAIL = 300;

  private S3Errors() {}

  static S3Failure classify(SdkException exception) {
    if (exception instanceof S3Exception s3) {
      return classify(s3);
    }
    if (exception instanceof SdkClientException && causedBy(exception, RefusedAddressException.class::isInstance)) {
      return new S3Failure(S3FailureKind.REFUSED_ADDRESS, 0, "address refused", "", null);
    }
    if (exception instanceof SdkClientException && causedBy(exception, S3Errors::isUntrustedChain)) {
      return new S3Failure(S3FailureKind.UNTRUSTED_CERTIFICATE, 0, "certificate not trusted", "", null);
    }
    if (exception instanceof SdkClientException) {
      String problem = transportProblem(exception);
      // Known problems speak for themselves; the rest keep the underlying message.
      return new S3Failure(S3FailureKind.UNREACHABLE, 0, problem,
          problem.equals("transport error") ? bounded(rootMessage(exception)) : "", null);
    }
    return new S3Failure(S3FailureKind.OTHER, 0, exception.getClass().getSimpleName(), bounded(rootMessage(exception)), null);
  }

  private static S3Failure classify(S3Exception exception) {
    int status = exception.statusCode();
    String code = exception.awsErrorDetails() == null ? null : exception.awsErrorDetails().errorCode();
    String message = exception.awsErrorDetails() == null ? null : exception.awsErrorDetails().errorMessage();
    String regionHint = exception.awsErrorDetails() == null || exception.awsErrorDetails().sdkHttpResponse() == null
        ? null
        : exception.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
    S3FailureKind kind;
    if (code != null && BAD_CREDENTIALS.contains(code)) {
      kind = S3FailureKind.INVALID_CREDENTIALS;
    } else if ("NoSuchBucket".equals(code)) {
      kind = S3FailureKind.NO_SUCH_BUCKET;
    } else if ((code != null && WRONG_REGION.contains(code)) || status == 301
        || ("AuthorizationHeaderMalformed".equals(code) && message != null && message.contains("region"))) {
      kind = S3FailureKind.WRONG_REGION;
    } else if ("AuthorizationHeaderMalformed".equals(code)) {
      // Also sent for an empty or malformed access key.
      kind = S3FailureKind.INVALID_CREDENTIALS;
    } else if ("AccessDenied".equals(code) || (code == null && status == 403)) {
      kind = S3FailureKind.ACCESS_DENIED;
    } else if ("NoSuchKey".equals(code) || (code == null && status == 404)) {
      kind = S3FailureKind.NOT_FOUND;
    } else {
      kind = S3FailureKind.OTHER;
    }
    return new S3Failure(kind, status, code == null ? "HTTP " + status : code, bounded(message), regionHint);
  }

  // Checked before transport problems: a refused address is an UnknownHostException, which would read "unknown
  // host", and an untrusted chain an SSLException, which would read "TLS handshake failed".
  private static boolean causedBy(Throwable exception, Predicate<Throwable> test) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * No path from the server's certificate to a trusted CA. The JDK wraps its CertPathBuilderException in a
   * ValidatorException (internal to the JDK) that says "PKIX path building failed"; other providers may
   * report only the message.
   */
  private static boolean isUntrustedChain(Throwable t) {
    return t instanceof CertPathBuilderException
        || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("pkix path building failed");
  }

  /** A short, human description of why no answer came, without Java class names. */
  private static String transportProblem(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
          || t instanceof java.net.SocketTimeoutException) {
        return "timed out";
      }
      if (t instanceof java.net.ConnectException || message.contains("connection refused")) {
        return "connection refused";
      }
      if (message.contains("connection reset") || message.contains("broken pipe")) {
        return "connection reset";
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS handshake failed";
      }
      if (t instanceof org.apache.hc.core5.http.NoHttpResponseException || message.contains("failed to respond")) {
        return "connection closed without an answer";
      }
    }
    return "transport error";
  }

  private static String rootMessage(Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return Optional.ofNullable(root.getMessage()).orElse(exception.getMessage());
  }

  private static String bounded(String text) {
    if (text == null) {
      return "";
    }
    String single = text.replaceAll("\\s+", " ").trim();
    return single.length() > MAX_DETAIL ? single.substring(0, MAX_DETAIL) + "..." : single;
  }
}

package io.wasabioperator.integration;

import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.PermissionState;
import io.wasabioperator.api.Permissions;
import io.wasabioperator.status.Conditions;
import io.wasabioperator.storage.BucketClient;
import io.wasabioperator.storage.CaBundle;
import io.wasabioperator.storage.PrivateAddressGuard;
import io.wasabioperator.storage.S3Failure;
import io.wasabioperator.storage.S3FailureKind;
import io.wasabioperator.storage.S3Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Proves, against the real bucket, the access the integration's mode needs. The write probe uses the
 * same key every time because the rendered policy grants no delete.
 */
public final class AccessProbe {
  static final String PROBE_OBJECT = ".wasabi-operator-probe";
  static final byte[] PROBE_BODY = "written by wasabi-operator to verify write access\n".getBytes(StandardCharsets.UTF_8);

  private final IntegrationTarget target;
  private final String credentialsSource;
  private final List<String> denied = new ArrayList<>();
  private PermissionState read = PermissionState.Unverified;
  private PermissionState write;
  private PermissionState list;

  /** @param credentialsSource where the key pair came from, for messages (never the key itself) */
  public AccessProbe(IntegrationTarget target, String credentialsSource) {
    this.target = target;
    this.credentialsSource = credentialsSource;
    this.write = target.mode() == AccessMode.ReadWrite ? PermissionState.Unverified : PermissionState.NotRequired;
    this.list = target.mirax() ? PermissionState.Unverified : PermissionState.NotRequired;
  }

  public ProbeOutcome run(BucketClient bucket) {
    // Each step returns null to go on, or the outcome that ends the probe.
    ProbeOutcome stop = target.writePrefix().map(prefix -> writeThenRead(bucket, prefix + PROBE_OBJECT)).orElse(null);
    if (stop == null && read == PermissionState.Unverified) {
      stop = target.probeObjectKey().isPresent()
          ? readObjectKey(bucket, target.probeObjectKey().get())
          : readAbsentKey(bucket);
    }
    if (stop == null && target.mirax()) {
      stop = listPrefix(bucket);
    }
    return stop != null ? stop : summary();
  }

  private ProbeOutcome writeThenRead(BucketClient bucket, String key) {
    S3Result<Void> put = bucket.put(key, PROBE_BODY, "text/plain");
    if (put instanceof S3Result.Failed<Void> failed) {
      return deniedOrFailed(failed, "s3:PutObject", key);
    }
    write = PermissionState.Verified;
    S3Result<byte[]> readBack = bucket.get(key);
    if (readBack instanceof S3Result.Failed<byte[]> failed) {
      return deniedOrFailed(failed, "s3:GetObject", key);
    }
    if (!Arrays.equals(((S3Result.Ok<byte[]>) readBack).value(), PROBE_BODY)) {
      return outcome(Conditions.FALSE, IntegrationReason.ProbeFailed, "reading back " + location(key)
          + " returned other bytes than were written; check that nothing rewrites objects under the prefix");
    }
    read = PermissionState.Verified;
    return null;
  }

  private ProbeOutcome listPrefix(BucketClient bucket) {
    S3Result<Boolean> listed = bucket.listOne(target.accessPrefix());
    if (listed instanceof S3Result.Failed<Boolean> failed) {
      return deniedOrFailed(failed, "s3:ListBucket", target.accessPrefix());
    }
    list = PermissionState.Verified;
    return null;
  }

  private ProbeOutcome readObjectKey(BucketClient bucket, String key) {
    S3Result<byte[]> got = bucket.get(key);
    if (got.isOk()) {
      read = PermissionState.Verified;
      return null;
    }
    S3Failure failure = ((S3Result.Failed<byte[]>) got).failure();
    if (failure.kind() == S3FailureKind.NOT_FOUND) {
      return outcome(Conditions.FALSE, IntegrationReason.ProbeFailed, "spec.probe.objectKey " + location(key)
          + " does not exist; point it at an existing object");
    }
    return deniedOrFailed((S3Result.Failed<byte[]>) got, "s3:GetObject", key);
  }

  /**
   * Reads a key that does not exist: 404 comes only to a caller allowed to read; 403 is what S3 says to
   * anyone without s3:ListBucket, so it proves nothing either way.
   */
  private ProbeOutcome readAbsentKey(BucketClient bucket) {
    String key = target.accessPrefix() + PROBE_OBJECT + "-absent-" + UUID.randomUUID();
    S3Result<byte[]> got = bucket.get(key);
    if (got instanceof S3Result.Failed<byte[]> failed) {
      S3FailureKind kind = failed.failure().kind();
      if (kind == S3FailureKind.ACCESS_DENIED) {
        return null;
      }
      if (kind != S3FailureKind.NOT_FOUND) {
        return failure(failed.failure(), "s3:GetObject", key);
      }
    }
    read = PermissionState.Verified;
    return null;
  }

  /** Records a denied action and returns null, or returns the outcome of any other failure. */
  private <T> ProbeOutcome deniedOrFailed(S3Result.Failed<T> failed, String action, String key) {
    if (failed.failure().kind() != S3FailureKind.ACCESS_DENIED) {
      return failure(failed.failure(), action, key);
    }
    switch (action) {
      case "s3:GetObject" -> read = PermissionState.Denied;
      case "s3:ListBucket" -> list = PermissionState.Denied;
      default -> write = PermissionState.Denied;
    }
    denied.add(action.equals("s3:ListBucket")
        ? "s3:ListBucket on s3://" + target.bucket() + (key.isEmpty() ? "" : " (prefix " + key + ")")
        : action + " on " + location(key));
    return null;
  }

  private ProbeOutcome summary() {
    if (!denied.isEmpty()) {
      return outcome(Conditions.FALSE, IntegrationReason.AccessDenied, "denied: " + String.join("; ", denied)
          + ". Ask the bucket owner to attach the policy in status.bucketPolicy, which grants these to "
          + target.principalArn() + (target.ownCredentials().isPresent()
              ? ", or give the key pair in " + credentialsSource + " these rights" : ""));
    }
    if (read == PermissionState.Unverified) {
      return outcome(Conditions.UNKNOWN, IntegrationReason.ReadAccessUnverified, "read access cannot be proven "
          + "without s3:ListBucket (S3 answers 403 for a missing key either way); set spec.probe.objectKey to an "
          + "existing object under " + location(target.accessPrefix()));
    }
    return outcome(Conditions.TRUE, IntegrationReason.AccessVerified, "verified " + verifiedActions() + " on "
        + location(target.accessPrefix()));
  }

  private String verifiedActions() {
    List<String> actions = new ArrayList<>(List.of("read"));
    if (write == PermissionState.Verified) {
      actions.add("write to " + target.writePrefix().orElse(""));
    }
    if (list == PermissionState.Verified) {
      actions.add("list");
    }
    return String.join(", ", actions);
  }

  private ProbeOutcome failure(S3Failure failure, String action, String key) {
    String endpoint = target.endpoint().toString();
    return switch (failure.kind()) {
      case NO_SUCH_BUCKET -> outcome(Conditions.FALSE, IntegrationReason.NoSuchBucket, "bucket " + target.bucket()
          + " does not exist at " + endpoint + "; create it, or fix spec.bucket");
      case INVALID_CREDENTIALS -> outcome(Conditions.FALSE, IntegrationReason.InvalidCredentials, "the endpoint refused "
          + "the key pair from " + credentialsSource + " (" + failure.errorCode() + "); check the access key ID and "
          + "secret, then update the Secret: the operator picks the change up by itself");
      case WRONG_REGION -> outcome(Conditions.FALSE, IntegrationReason.WrongRegion, "bucket " + target.bucket()
          + " is not in region " + target.region()
          + (failure.regionHint() == null ? "" : " but in " + failure.regionHint())
          + " (" + failure.errorCode() + "); set spec.region to the bucket's region");
      case UNREACHABLE -> outcome(Conditions.FALSE, IntegrationReason.EndpointUnreachable, "no answer from " + endpoint
          + " (" + failure.errorCode() + detail(failure)
          + "); check spec.endpoint and the network; retrying with backoff");
      case UNTRUSTED_CERTIFICATE -> outcome(Conditions.FALSE, IntegrationReason.EndpointUnreachable, "no TLS "
          + "connection to " + endpoint + " (certificate not trusted: it chains to no CA the operator trusts); if the "
          + "endpoint's certificate comes from a private CA, ask the administrator to add that CA with "
          + CaBundle.SETTING + "; retrying with backoff");
      case REFUSED_ADDRESS -> outcome(Conditions.FALSE, IntegrationReason.EndpointNotAllowed, "spec.endpoint's host "
          + "resolves only to addresses inside the cluster or host (loopback, private, link-local), which the operator "
          + "does not connect to; use the storage service's public endpoint, or ask the administrator to allow the "
          + "range with " + PrivateAddressGuard.ALLOWED_RANGES_SETTING);
      default -> outcome(Conditions.FALSE, IntegrationReason.ProbeFailed, action + " on " + location(key)
          + " failed with " + failure.errorCode() + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : "")
          + detail(failure) + "; retrying with backoff");
    };
  }

  /**
   * The service's own words, from Wasabi's regional endpoints only. Any other endpoint is the tenant's
   * choice, and echoing what it answered would let a probe read the answers of services it can reach.
   */
  private String detail(S3Failure failure) {
    return target.pathStyle() || failure.detail().isEmpty() ? "" : ": " + failure.detail();
  }

  private ProbeOutcome outcome(String status, IntegrationReason reason, String message) {
    return new ProbeOutcome(status, reason, message, new Permissions(read, write, list));
  }

  private String location(String key) {
    return "s3://" + target.bucket() + "/" + key;
  }
}

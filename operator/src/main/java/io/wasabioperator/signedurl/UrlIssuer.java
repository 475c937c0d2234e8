package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.integration.IntegrationTarget;
import io.wasabioperator.secrets.OwnedFields;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.BucketClient;
import io.wasabioperator.storage.S3ClientFactory;
import io.wasabioperator.storage.S3Result;
import io.wasabioperator.storage.StorageCredentials;
import io.wasabioperator.storage.UrlSigner;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Makes a request's URLs: lists a MIRAX slide's companion folder (the only call to S3), signs every
 * key, and builds what the Secret must hold. Writes nothing.
 */
final class UrlIssuer {
  static final int MAX_MIRAX_OBJECTS = 10_000;

  private final S3ClientFactory s3;
  private final UrlSigner signer = new UrlSigner();

  UrlIssuer(S3ClientFactory s3) {
    this.s3 = s3;
  }

  /** What an issuance came to. */
  sealed interface Result {
    /** Signed URLs: the Secret to create, or the fields to patch onto the one there. */
    record Signed(IssuedUrls issued, Secret secret, OwnedFields fields) implements Result {
      /** Without the Secret's data: it holds the presigned URLs. */
      @Override
      public String toString() {
        return "Signed[revision " + issued.revision() + ", " + issued.objectCount() + " objects]";
      }
    }

    /** No URLs; {@code retryable} when trying again later may work by itself. */
    record Refused(SignedUrlReason reason, String message, boolean retryable) implements Result {}
  }

  /** Everything an issuance depends on besides the request itself. */
  record Inputs(RequestPlan plan, IntegrationTarget target, StorageCredentials credentials, long revision,
      String specHash, String integrationHash, Optional<String> renewRequest, Instant now) {}

  Result issue(SignedUrlRequest request, Inputs in) {
    RequestPlan plan = in.plan();
    IntegrationTarget target = in.target();
    BucketAddress address = new BucketAddress(target.endpoint(), target.region(), target.pathStyle(), target.bucket());
    List<String> keys = List.of(plan.key());
    if (plan.miraxSlide()) {
      S3Result<List<String>> listed;
      try (BucketClient bucket = s3.open(address, in.credentials())) {
        listed = bucket.listKeys(plan.companionFolder(), MAX_MIRAX_OBJECTS);
      }
      if (listed instanceof S3Result.Failed<List<String>> failed) {
        return new Result.Refused(SignedUrlReason.MiraxListFailed, "listing the companion folder s3://"
            + target.bucket() + "/" + plan.companionFolder() + " failed with " + failed.failure().errorCode()
            + "; check that the integration's policy grants s3:ListBucket", true);
      }
      List<String> companions = ((S3Result.Ok<List<String>>) listed).value();
      if (companions.isEmpty()) {
        return new Result.Refused(SignedUrlReason.MiraxFolderEmpty, "the companion folder s3://" + target.bucket()
            + "/" + plan.companionFolder() + " of the slide holds no files; upload the slide's folder next to it",
            true);
      }
      if (companions.size() > MAX_MIRAX_OBJECTS) {
        return new Result.Refused(SignedUrlReason.TooManyObjects, "the companion folder holds more than "
            + MAX_MIRAX_OBJECTS + " objects; their URLs would not fit in one Secret (1 MiB)", false);
      }
      keys = new ArrayList<>(companions);
      keys.add(0, plan.key());
    }

    Instant notBefore = in.now().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.plus(plan.duration());
    SortedMap<String, String> urls = new TreeMap<>();
    for (String key : keys) {
      urls.put(key, signer.presign(address, in.credentials(), key, plan.method().name(), plan.contentType(),
          notBefore, plan.duration()).toString());
    }
    IssuedUrls issued = new IssuedUrls(in.revision(), notBefore, notAfter, keys.size(), in.specHash(),
        in.integrationHash(), in.renewRequest(), true);
    Secret secret = UrlSecret.build(request, plan, issued, urls);
    if (UrlSecret.dataBytes(secret) > UrlSecret.MAX_DATA_BYTES) {
      return new Result.Refused(SignedUrlReason.TooManyObjects, "the slide has " + keys.size() + " objects; their "
          + "URLs need " + UrlSecret.dataBytes(secret) / 1024 + " KiB, more than a Secret holds (1 MiB)", false);
    }
    return new Result.Signed(issued, secret, UrlSecret.fields(request, plan, issued, urls));
  }
}

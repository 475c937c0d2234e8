package io.wasabioperator.storage;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** The few S3 calls the operator makes on one bucket, each returning a classified result instead of throwing. */
public final class BucketClient implements AutoCloseable {
  private final S3Client client;
  private final String bucket;

  BucketClient(S3Client client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  public S3Result<Void> put(String key, byte[] body, String contentType) {
    return call(() -> {
      client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(body));
      return null;
    });
  }

  public S3Result<byte[]> get(String key) {
    return call(() -> client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
  }

  /** Whether at least one key exists under the prefix; proves s3:ListBucket when it succeeds. */
  public S3Result<Boolean> listOne(String prefix) {
    return call(() -> {
      ListObjectsV2Response response = client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(1));
      return !response.contents().isEmpty();
    });
  }

  /**
   * Every key under the prefix, in S3's (lexicographic) order, stopping once more than {@code limit}
   * are found: a caller that gets {@code limit + 1} keys knows there are too many.
   */
  public S3Result<List<String>> listKeys(String prefix, int limit) {
    return call(() -> {
      List<String> keys = new ArrayList<>();
      String token = null;
      do {
        String continuation = token;
        ListObjectsV2Response page = client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)
            .maxKeys(Math.min(1000, limit + 1 - keys.size())).continuationToken(continuation));
        page.contents().forEach(object -> keys.add(object.key()));
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null && keys.size() <= limit);
      return keys.size() > limit + 1 ? List.copyOf(keys.subList(0, limit + 1)) : List.copyOf(keys);
    });
  }

  private static <T> S3Result<T> call(S3Call<T> call) {
    try {
      return new S3Result.Ok<>(call.run());
    } catch (SdkException e) {
      return new S3Result.Failed<>(S3Errors.classify(e));
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @FunctionalInterface
  private interface S3Call<T> {
    T run();
  }
}

package io.wasabioperator.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.rest.AuthorizationException;

/**
 * A real S3 server (S3Proxy, in memory) with several identities whose rights differ, the way bucket
 * policies make them differ: full access, read-only with s3:ListBucket, and read-only without it.
 * Signatures are checked for real.
 */
public final class S3TestServer implements AutoCloseable {
  public static final Identity READ_WRITE = new Identity("AKIAREADWRITE0000001", "rw-secret-Sentinel0123456789abcdef");
  public static final Identity READ_ONLY = new Identity("AKIAREADONLY00000002", "ro-secret-Sentinel0123456789abcdef");
  public static final Identity READ_ONLY_NO_LIST = new Identity("AKIANOLIST0000000003", "nl-secret-Sentinel0123456789abcdef");

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final boolean https;
  private final Map<String, Map.Entry<String, BlobStore>> identities = new ConcurrentHashMap<>();

  public S3TestServer() throws Exception {
    this(Optional.empty());
  }

  /** Serves HTTPS only, with the server key and certificate chain of {@code tls}. */
  public static S3TestServer https(TestCertificates tls) throws Exception {
    return new S3TestServer(Optional.of(tls));
  }

  private S3TestServer(Optional<TestCertificates> tls) throws Exception {
    https = tls.isPresent();
    context = ContextBuilder.newBuilder("transient").overrides(new Properties()).build(BlobStoreContext.class);
    BlobStore store = context.getBlobStore();
    identities.put(READ_WRITE.accessKeyId(), new AbstractMap.SimpleEntry<>(READ_WRITE.secretAccessKey(), store));
    identities.put(READ_ONLY.accessKeyId(),
        new AbstractMap.SimpleEntry<>(READ_ONLY.secretAccessKey(), new ReadOnlyStore(store, true)));
    identities.put(READ_ONLY_NO_LIST.accessKeyId(),
        new AbstractMap.SimpleEntry<>(READ_ONLY_NO_LIST.secretAccessKey(), new ReadOnlyStore(store, false)));
    S3Proxy.Builder builder = S3Proxy.builder()
        .blobStore(store)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, READ_WRITE.accessKeyId(), READ_WRITE.secretAccessKey());
    tls.ifPresentOrElse(
        t -> builder.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(t.serverKeyStore().toString(), t.password()),
        () -> builder.endpoint(URI.create("http://127.0.0.1:0")));
    proxy = builder.build();
    proxy.setBlobStoreLocator((identity, container, blob) -> identities.get(identity));
    proxy.start();
    Awaitility.await("S3Proxy started").atMost(Duration.ofSeconds(10)).until(() -> "STARTED".equals(proxy.getState()));
  }

  /** Gives a new key pair full access, as the bucket owner does when issuing a key. */
  public void grantReadWrite(Identity identity) {
    identities.put(identity.accessKeyId(), new AbstractMap.SimpleEntry<>(identity.secretAccessKey(), store()));
  }

  /** Deletes a key pair: requests signed with it then fail with InvalidAccessKeyId. */
  public void revoke(Identity identity) {
    identities.remove(identity.accessKeyId());
  }

  public URI endpoint() {
    return https ? URI.create("https://127.0.0.1:" + proxy.getSecurePort())
        : URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** The store as the bucket owner sees it, to create buckets and objects and to inspect results. */
  public BlobStore store() {
    return context.getBlobStore();
  }

  public void createBucket(String bucket) {
    store().createContainerInLocation(null, bucket);
  }

  public void putObject(String bucket, String key, byte[] body) {
    store().putBlob(bucket, store().blobBuilder(key).payload(body).build());
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }

  public record Identity(String accessKeyId, String secretAccessKey) {}

  /**
   * Refuses writes, as a policy granting only s3:GetObject does. Without list rights it also refuses
   * listings and answers 403 for missing keys, as S3 does for callers without s3:ListBucket.
   */
  private static final class ReadOnlyStore extends ForwardingBlobStore {
    private final boolean mayList;

    ReadOnlyStore(BlobStore delegate, boolean mayList) {
      super(delegate);
      this.mayList = mayList;
    }

    @Override
    public String putBlob(String container, Blob blob) {
      throw new AuthorizationException("write denied");
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
      throw new AuthorizationException("write denied");
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container) {
      return list(container, ListContainerOptions.NONE);
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
      if (!mayList) {
        throw new AuthorizationException("list denied");
      }
      return super.list(container, options);
    }

    @Override
    public Blob getBlob(String container, String name) {
      return orDenied(super.getBlob(container, name));
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
      return orDenied(super.getBlob(container, name, options));
    }

    @Override
    public BlobMetadata blobMetadata(String container, String name) {
      return orDenied(super.blobMetadata(container, name));
    }

    private <T> T orDenied(T found) {
      if (found == null && !mayList) {
        throw new AuthorizationException("missing key without list rights");
      }
      return found;
    }
  }
}

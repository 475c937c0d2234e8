package io.wasabioperator.benchmarks;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.config.S3Timeouts;
import io.wasabioperator.secrets.SecretData;
import io.wasabioperator.storage.AddressRange;
import io.wasabioperator.storage.BucketAddress;
import io.wasabioperator.storage.BucketClient;
import io.wasabioperator.storage.PrivateAddressGuard;
import io.wasabioperator.storage.S3CallListener;
import io.wasabioperator.storage.S3ClientFactory;
import io.wasabioperator.storage.StorageCredentials;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 server (S3Proxy on an in-memory store) with one bucket and one key pair. It counts the calls
 * it is serving at once, and the most it served at once, at its store: what the operator asks of S3.
 */
final class Storage implements AutoCloseable {
  static final String NAMESPACE = "bench";
  /** The platform identity granted to the benchmark's namespace at the local S3 server. */
  static final String GRANT = "[{\"namespaces\": [\"" + NAMESPACE + "\"], \"buckets\": [\"*\"], "
      + "\"endpoints\": [\"127.0.0.1\"]}]";
  static final String BUCKET = "bench";
  static final String ACCESS_KEY_ID = "AKIABENCHMARK0000001";
  static final String SECRET_ACCESS_KEY = "benchmark-secret-key-0123456789abcdefghij";

  private final BlobStoreContext context;
  private final BlobStore store;
  private final S3Proxy proxy;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  Storage() throws Exception {
    context = ContextBuilder.newBuilder("transient").overrides(new Properties()).build(BlobStoreContext.class);
    BlobStore plain = context.getBlobStore();
    plain.createContainerInLocation(null, BUCKET);
    store = counting(plain);
    proxy = S3Proxy.builder().blobStore(store)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .endpoint(URI.create("http://127.0.0.1:0")).build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
  }

  /** Serves one listing, so that the server's own first-request costs are not charged to the operator. */
  void warmUp() {
    // The server listens on loopback, which the factory refuses unless allowed.
    PrivateAddressGuard loopback = new PrivateAddressGuard(List.of(AddressRange.parse("127.0.0.0/8")));
    try (S3ClientFactory factory = new S3ClientFactory(new S3Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10),
        Duration.ofSeconds(30)), S3CallListener.NONE, loopback);
        BucketClient bucket = factory.open(new BucketAddress(endpoint(), "us-east-1", true, BUCKET),
            new StorageCredentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY))) {
      bucket.listOne("");
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  void put(String key) {
    store.putBlob(BUCKET, store.blobBuilder(key).payload(new byte[] {1}).build());
  }

  /** Forgets the peak so far, so that the next {@link #peak()} covers only what follows. */
  void resetPeak() {
    peak.set(inFlight.get());
  }

  int peak() {
    return peak.get();
  }

  /** The platform identity's Secret, which the operator reads when an integration names none. */
  static Secret platformCredentials() {
    return new SecretBuilder().withNewMetadata().withNamespace(NAMESPACE).withName("platform").endMetadata()
        .withData(SecretData.encode(Map.of("accessKeyId", ACCESS_KEY_ID, "secretAccessKey", SECRET_ACCESS_KEY)))
        .build();
  }

  WasabiStorageIntegration integration(String name, boolean mirax) {
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
    WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
    spec.setBucket(BUCKET);
    spec.setRegion("us-east-1");
    spec.setMode(AccessMode.ReadWrite);
    spec.setStorageName(name);
    spec.setMirax(mirax);
    spec.setEndpoint(endpoint().toString());
    integration.setSpec(spec);
    return integration;
  }

  private BlobStore counting(BlobStore target) {
    return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
        (self, method, args) -> {
          peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            inFlight.decrementAndGet();
          }
        });
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }
}

package io.wasabioperator.storage;

import io.wasabioperator.config.S3Timeouts;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.apache5.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds S3 clients for any endpoint and key pair. They share one HTTP connection pool, and every call
 * is bounded by the configured timeouts so a hung endpoint cannot hold a reconcile thread, and no
 * connection goes to an address inside the cluster or host unless the guard allows its range. TLS trusts
 * the JVM's CAs, and those of the administrator's bundle when there is one.
 */
public final class S3ClientFactory implements AutoCloseable {
  private final S3Timeouts timeouts;
  private final SdkHttpClient httpClient;
  private final S3CallTimer timer;

  public S3ClientFactory(S3Timeouts timeouts) {
    this(timeouts, S3CallListener.NONE);
  }

  public S3ClientFactory(S3Timeouts timeouts, S3CallListener listener) {
    this(timeouts, listener, PrivateAddressGuard.refusingAll());
  }

  public S3ClientFactory(S3Timeouts timeouts, S3CallListener listener, PrivateAddressGuard guard) {
    this(timeouts, listener, guard, Optional.empty());
  }

  /** @param caBundle CAs trusted besides the JVM's */
  public S3ClientFactory(S3Timeouts timeouts, S3CallListener listener, PrivateAddressGuard guard,
      Optional<CaBundle> caBundle) {
    this.timeouts = timeouts;
    this.timer = new S3CallTimer(listener);
    // The proxy the client would pick by itself (system properties, else HTTP_PROXY), read once so that
    // the resolver exempts exactly the proxy the client connects to.
    ProxyConfiguration proxy = ProxyConfiguration.builder().build();
    Apache5HttpClient.Builder http = Apache5HttpClient.builder()
        .connectionTimeout(timeouts.connect())
        .socketTimeout(timeouts.attempt())
        .proxyConfiguration(proxy)
        .dnsResolver(new GuardedDnsResolver(guard, proxyHost(proxy)));
    caBundle.map(CaBundle::trustManagers).ifPresent(trust -> http.tlsTrustManagersProvider(() -> trust));
    this.httpClient = http.build();
  }

  /** A client for one bucket; close it when done (the shared connection pool stays open). */
  public BucketClient open(BucketAddress address, StorageCredentials credentials) {
    S3Client client = S3Client.builder()
        .httpClient(httpClient)
        .region(Region.of(address.region()))
        .endpointOverride(address.endpoint())
        .forcePathStyle(address.pathStyle())
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())))
        // Wasabi and other S3-compatible services reject the SDK's newer default checksums.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallAttemptTimeout(timeouts.attempt())
            .apiCallTimeout(timeouts.call())
            .addMetricPublisher(timer)
            .build())
        .build();
    return new BucketClient(client, address.bucket());
  }

  /**
   * The proxy's host when the client goes through one (it does only with both a host and a port). The
   * proxy, not the operator, then resolves and connects to the endpoints: the guard sees only the proxy's
   * addresses, and checks just the hosts the proxy settings exclude, which the client connects to itself.
   */
  private static Optional<String> proxyHost(ProxyConfiguration proxy) {
    return proxy.host() != null && proxy.port() > 0 ? Optional.of(proxy.host()) : Optional.empty();
  }

  @Override
  public void close() {
    httpClient.close();
  }
}

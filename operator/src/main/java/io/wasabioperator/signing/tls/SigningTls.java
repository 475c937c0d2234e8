package io.wasabioperator.signing.tls;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wasabioperator.signing.http.ServingCertificate;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the signing API's TLS current, one step at a time on its own thread: the leader maintains the CA
 * Secret (rotation) and publishes the CAs; every replica reads the bundle and mints its own serving
 * certificate when one is due, in memory, with no write and no restart.
 */
public final class SigningTls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SigningTls.class);
  private static final Duration LONGEST_STEP = Duration.ofMinutes(1);
  private static final Duration SHORTEST_STEP = Duration.ofMillis(100);
  /**
   * How often the leader looks for namespaces that need a copy of the CA: from its caches, so a look costs no
   * API request, and a pod that mounts the copy in a new namespace waits seconds, not a minute.
   */
  static final Duration PUBLISH_STEP = Duration.ofSeconds(2);

  private final AuthorityStore store;
  private final ServingCertificate serving;
  private final CaPublisher publisher;
  private final BooleanSupplier leading;
  private final Duration step;
  private volatile AuthorityBundle last;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      new DefaultThreadFactory("signing-tls", true));

  public SigningTls(AuthorityStore store, ServingCertificate serving, CaPublisher publisher, BooleanSupplier leading,
      CertificateSchedule.Lifetimes lifetimes) {
    this.store = store;
    this.serving = serving;
    this.publisher = publisher;
    this.leading = leading;
    this.step = step(lifetimes);
  }

  /**
   * How often to look: often enough that a renewal point is met within a quarter of the time left after it, and
   * at least once a minute, so a CA rotated by the leader reaches the other replicas soon.
   */
  static Duration step(CertificateSchedule.Lifetimes lifetimes) {
    Duration margin = Duration.ofMillis((long) (lifetimes.leaf().toMillis() * (1 - lifetimes.renewAt()) / 4));
    return margin.compareTo(LONGEST_STEP) > 0 ? LONGEST_STEP
        : margin.compareTo(SHORTEST_STEP) < 0 ? SHORTEST_STEP : margin;
  }

  /** One step now (a failure leaves the server without a certificate, so not ready), then one every step. */
  public void start() {
    // The certificate first, on this thread; publishing (a read per namespace) is left to the executor.
    step(false);
    executor.scheduleWithFixedDelay(() -> step(true), step.toMillis(), step.toMillis(), TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(this::publish, 0, PUBLISH_STEP.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void publish() {
    AuthorityBundle bundle = last;
    if (bundle != null && leading.getAsBoolean()) {
      try {
        publisher.publish(bundle);
      } catch (RuntimeException e) {
        LOG.warn("Could not publish the signing CA: {}", e.getClass().getSimpleName());
      }
    }
  }

  void step(boolean publish) {
    try {
      boolean leader = leading.getAsBoolean();
      AuthorityBundle bundle = leader ? store.maintain() : store.current();
      last = bundle;
      if (serving.refresh(bundle)) {
        LOG.info("Serving the signing API with a new certificate, valid until {}",
            serving.certificate().map(c -> c.getNotAfter().toInstant()).orElseThrow());
      }
      if (leader && publish) {
        publisher.publish(bundle);
      }
    } catch (KubernetesClientException e) {
      LOG.warn("Could not read or update the signing CA: HTTP {}; trying again in {} ms", e.getCode(),
          step.toMillis());
    } catch (IllegalStateException e) {
      // Our own words: which Secret holds no usable bundle, never its content.
      LOG.warn("Could not keep the signing API's certificate: {}; trying again in {} ms", e.getMessage(),
          step.toMillis());
    } catch (RuntimeException e) {
      LOG.warn("Could not keep the signing API's certificate: {}; trying again in {} ms",
          e.getClass().getSimpleName(), step.toMillis());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

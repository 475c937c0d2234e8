package io.wasabioperator.signing.tls;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.wasabioperator.signing.http.MountedCertificate;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a mounted serving certificate current: reads the files now, then again every {@code interval}, so a
 * certificate cert-manager renewed (and the kubelet swapped in) is served from the next connection on, without
 * a restart. A pair that does not read is reported once and the one held stays in use.
 */
public final class MountedTls implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MountedTls.class);

  private final MountedCertificate certificate;
  private final Duration interval;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      new DefaultThreadFactory("signing-tls-files", true));
  private volatile String lastProblem;

  public MountedTls(MountedCertificate certificate, Duration interval) {
    this.certificate = certificate;
    this.interval = interval;
  }

  public void start() {
    step();
    executor.scheduleWithFixedDelay(this::step, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void step() {
    try {
      if (certificate.refresh()) {
        LOG.info("Serving the signing API with the mounted certificate, valid until {}",
            certificate.certificate().map(c -> c.getNotAfter().toInstant()).orElseThrow());
      }
      lastProblem = null;
    } catch (RuntimeException e) {
      // Our own words (paths and what is wrong), never the files' content; once per problem. Whatever it is, the
      // next step comes: an exception out of a scheduled task would end the reloading for good.
      String problem = e instanceof IllegalStateException ? e.getMessage() : e.getClass().getSimpleName();
      if (!problem.equals(lastProblem)) {
        LOG.warn("Could not load the signing API's certificate: {}; trying again every {} s", problem,
            interval.toSeconds());
        lastProblem = problem;
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

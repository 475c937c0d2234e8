package io.wasabioperator.grants;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.api.WasabiPlatformGrantStatus;
import io.wasabioperator.api.WasabiStorageIntegration;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each WasabiPlatformGrant's status counting the integrations that use it, as their statuses
 * name it. Counted in the background a moment after a change, so that a burst of reconciles costs one
 * write per grant that changed, not one per integration. Driven by the integration reconciler alone,
 * so that only the replica that leads writes: standby replicas watch grants too.
 */
public final class GrantUsage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GrantUsage.class);
  private static final Duration SETTLE = Duration.ofSeconds(1);
  private static final Duration RETRY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final PlatformGrants grants;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "grant-usage");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean counting = new AtomicBoolean();
  private volatile Supplier<Stream<WasabiStorageIntegration>> integrations = Stream::empty;

  public GrantUsage(KubernetesClient client, PlatformGrants grants) {
    this.client = client;
    this.grants = grants;
  }

  /** Where the integrations are read from: the integration controller's cache. */
  public void countFrom(Supplier<Stream<WasabiStorageIntegration>> integrations) {
    this.integrations = integrations;
  }

  /**
   * The reconciler runs, so this replica leads: from now on count every minute too, for new grants
   * and deleted integrations, which no reconcile reports.
   */
  public void leading() {
    if (counting.compareAndSet(false, true)) {
      executor.scheduleWithFixedDelay(this::changed, 0, 1, TimeUnit.MINUTES);
    }
  }

  /** Some integration's grant may have changed: count again shortly. */
  public void changed() {
    schedule(SETTLE);
  }

  private void schedule(Duration delay) {
    if (scheduled.compareAndSet(false, true)) {
      executor.schedule(this::count, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void count() {
    scheduled.set(false);
    Map<String, Long> counts = integrations.get()
        .map(integration -> integration.getStatus() == null ? null : integration.getStatus().getPlatformGrant())
        .filter(Objects::nonNull)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    for (WasabiPlatformGrant grant : grants.resources()) {
      int count = counts.getOrDefault(Grant.RESOURCE_SOURCE + grant.getMetadata().getName(), 0L).intValue();
      Integer recorded = grant.getStatus() == null ? null : grant.getStatus().getIntegrations();
      if (Objects.equals(recorded, count)) {
        continue;
      }
      WasabiPlatformGrantStatus status = new WasabiPlatformGrantStatus();
      status.setIntegrations(count);
      WasabiPlatformGrant updated = new WasabiPlatformGrant();
      updated.setMetadata(grant.getMetadata());
      updated.setSpec(grant.getSpec());
      updated.setStatus(status);
      try {
        client.resource(updated).updateStatus();
      } catch (KubernetesClientException e) {
        // A conflict (another writer, a newer grant) or an outage: count again later from fresh data.
        log.debug("Could not record the usage of WasabiPlatformGrant {}: HTTP {}", grant.getMetadata().getName(),
            e.getCode());
        schedule(RETRY);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

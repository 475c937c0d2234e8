package io.wasabioperator.grants;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.api.WasabiStorageIntegration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Wakes the integrations on the platform identity when a grant changes (all of them), or when a
 * namespace's labels change (those in it).
 */
public final class GrantEvents extends AbstractEventSource<WasabiPlatformGrant, WasabiStorageIntegration> {
  private final PlatformGrants grants;

  /** @param onPlatformIdentity the integrations using the platform identity, in one namespace or all */
  public GrantEvents(String name, PlatformGrants grants,
      Function<Optional<String>, Set<ResourceID>> onPlatformIdentity) {
    super(WasabiPlatformGrant.class, name);
    this.grants = grants;
    grants.onGrantsChanged(() -> wake(onPlatformIdentity.apply(Optional.empty())));
    grants.onNamespaceChanged(namespace -> wake(onPlatformIdentity.apply(Optional.of(namespace))));
  }

  @Override
  public void start() throws OperatorException {
    grants.start();
    super.start();
  }

  @Override
  public Status getStatus() {
    return grants.isWatching() ? Status.HEALTHY : Status.UNHEALTHY;
  }

  @Override
  public Set<WasabiPlatformGrant> getSecondaryResources(WasabiStorageIntegration primary) {
    return Set.of();
  }

  private void wake(Set<ResourceID> integrations) {
    if (isRunning()) {
      integrations.forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
  }
}

package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;
import java.util.function.Function;

/**
 * Wakes a controller's resources when a Secret of a {@link LabelledSecrets} informer changes. The
 * controllers read the Secrets from the shared informer itself, so this source holds none.
 */
public final class SecretEvents<P extends HasMetadata> extends AbstractEventSource<Secret, P> {
  private final LabelledSecrets secrets;
  private final Function<Secret, Set<ResourceID>> toPrimaries;

  public SecretEvents(String name, LabelledSecrets secrets, Function<Secret, Set<ResourceID>> toPrimaries) {
    super(Secret.class, name);
    this.secrets = secrets;
    this.toPrimaries = toPrimaries;
    secrets.addListener(this::changed);
  }

  @Override
  public void start() throws OperatorException {
    secrets.start();
    super.start();
  }

  /** Counted by the operator's readiness (/readyz) like every other watch. */
  @Override
  public Status getStatus() {
    return secrets.isWatching() ? Status.HEALTHY : Status.UNHEALTHY;
  }

  @Override
  public Set<Secret> getSecondaryResources(P primary) {
    return Set.of();
  }

  private void changed(Secret secret) {
    if (isRunning()) {
      toPrimaries.apply(secret).forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }
  }
}

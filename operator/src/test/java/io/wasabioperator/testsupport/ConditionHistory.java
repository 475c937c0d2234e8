package io.wasabioperator.testsupport;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.wasabioperator.api.SignedUrlRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the SignedUrlRequests of a namespace and records every condition each update carried, so
 * that tests can see states that last only moments, such as Issuing=True.
 */
public final class ConditionHistory implements AutoCloseable {
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Watch watch;

  public ConditionHistory(KubernetesClient client, String namespace) {
    watch = client.resources(SignedUrlRequest.class).inNamespace(namespace).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, SignedUrlRequest request) {
        if (request.getStatus() != null) {
          for (Condition c : request.getStatus().getConditions()) {
            seen.add(request.getMetadata().getName() + " " + c.getType() + "=" + c.getStatus() + " " + c.getReason());
          }
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  /** Whether the request ever carried the condition with this status and reason. */
  public boolean saw(String name, String type, String status, String reason) {
    return seen.contains(name + " " + type + "=" + status + " " + reason);
  }

  /** Whether the request ever carried the condition with this status, whatever the reason. */
  public boolean sawAny(String name, String type, String status) {
    return seen.stream().anyMatch(entry -> entry.startsWith(name + " " + type + "=" + status + " "));
  }

  @Override
  public void close() {
    watch.close();
  }
}

package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An informer store that keeps only the Secrets one controller manages. Every other Secret is watched,
 * so that a rotated credential or a freed name is noticed within seconds, but not kept (the informer's
 * namespace index still lists its name): the operator's memory grows with what it manages, not with
 * the Secrets of the cluster. Reconcilers learn of a foreign Secret in their way when they write (409).
 */
public final class ManagedSecretStore implements ItemStore<Secret> {
  private final Map<String, Secret> items = new ConcurrentHashMap<>();
  private final String ownerLabel;
  private final Consumer<String> onChange;

  /**
   * @param ownerLabel the label that the controller's own Secrets carry beside the managed-by label
   * @param onChange told the key of every Secret that changed or went, kept or not
   */
  public ManagedSecretStore(String ownerLabel, Consumer<String> onChange) {
    this.ownerLabel = ownerLabel;
    this.onChange = onChange;
  }

  @Override
  public String getKey(Secret secret) {
    return Cache.metaNamespaceKeyFunc(secret);
  }

  @Override
  public Secret put(String key, Secret secret) {
    onChange.accept(key);
    if (!ManagedLabels.isManaged(secret) || !secret.getMetadata().getLabels().containsKey(ownerLabel)) {
      // A Secret whose label was taken off is no longer ours to keep.
      return items.remove(key);
    }
    // managedFields only cost memory; nobody here reads them.
    secret.getMetadata().setManagedFields(null);
    return items.put(key, secret);
  }

  /**
   * For a Secret that was never kept, a stand-in that carries only its key: the informer then still
   * announces the deletion (it announces only what its store returns) and clears its namespace index.
   */
  @Override
  public Secret remove(String key) {
    onChange.accept(key);
    Secret kept = items.remove(key);
    return kept != null ? kept : standIn(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<Secret> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public Secret get(String key) {
    return items.get(key);
  }

  private static Secret standIn(String key) {
    int slash = key.indexOf('/');
    return new SecretBuilder().withNewMetadata()
        .withNamespace(slash < 0 ? null : key.substring(0, slash))
        .withName(key.substring(slash + 1))
        .endMetadata().build();
  }
}

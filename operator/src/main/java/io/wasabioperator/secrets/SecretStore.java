package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer's store of labelled Secrets that keeps only what the operator reads: never their
 * managedFields, and for Secrets the operator only needs to hear about (credentials), not even their
 * data, so that key pairs do not sit in the informer. Optionally indexed by one label's value.
 */
public final class SecretStore implements ItemStore<Secret> {
  private final Map<String, Secret> items = new ConcurrentHashMap<>();
  // namespace/label value -> keys of the Secrets carrying it
  private final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  private final boolean keepData;
  private final Optional<String> indexedLabel;

  private SecretStore(boolean keepData, Optional<String> indexedLabel) {
    this.keepData = keepData;
    this.indexedLabel = indexedLabel;
  }

  /** The operator's own Secrets, whole but for managedFields, findable by the value of {@code label}. */
  public static SecretStore owned(String label) {
    return new SecretStore(true, Optional.of(label));
  }

  /** Secrets the operator watches for changes but reads from the API when it needs their values. */
  public static SecretStore metadataOnly() {
    return new SecretStore(false, Optional.empty());
  }

  List<Secret> byIndexedLabel(String namespace, String value) {
    return index.getOrDefault(namespace + "/" + value, Set.of()).stream()
        .map(items::get).filter(Objects::nonNull).toList();
  }

  private Optional<String> indexKey(Secret secret) {
    return indexedLabel.flatMap(label -> Optional.ofNullable(secret.getMetadata().getLabels())
        .map(labels -> labels.get(label)))
        .map(value -> secret.getMetadata().getNamespace() + "/" + value);
  }

  private void unindex(String key, Secret secret) {
    if (secret != null) {
      indexKey(secret).ifPresent(k -> index.computeIfPresent(k, (i, keys) -> {
        keys.remove(key);
        return keys.isEmpty() ? null : keys;
      }));
    }
  }

  @Override
  public String getKey(Secret secret) {
    return Cache.metaNamespaceKeyFunc(secret);
  }

  @Override
  public Secret put(String key, Secret secret) {
    secret.getMetadata().setManagedFields(null);
    if (!keepData) {
      secret.setData(null);
      secret.setStringData(null);
    }
    Secret old = items.put(key, secret);
    unindex(key, old);
    indexKey(secret).ifPresent(k -> index.computeIfAbsent(k, i -> ConcurrentHashMap.newKeySet()).add(key));
    return old;
  }

  @Override
  public Secret remove(String key) {
    Secret old = items.remove(key);
    unindex(key, old);
    return old;
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
}

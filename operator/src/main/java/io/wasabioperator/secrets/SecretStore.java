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
 * An informer's store of labelled Secrets that keeps only what the operator reads (see {@link SecretView}):
 * never a value of their data, so that neither key pairs nor URLs sit in the informer, and a tenant's
 * labelled Secrets cost a few hundred bytes each whatever their size. Optionally indexed by one label's value.
 */
public final class SecretStore implements ItemStore<Secret> {
  private final Map<String, Secret> items = new ConcurrentHashMap<>();
  // namespace/label value -> keys of the Secrets carrying it
  private final Map<String, Set<String>> index = new ConcurrentHashMap<>();
  private final SecretView view;
  private final Optional<String> indexedLabel;

  private SecretStore(SecretView view, Optional<String> indexedLabel) {
    this.view = view;
    this.indexedLabel = indexedLabel;
  }

  /** The operator's own Secrets as {@code view} keeps them, findable by the value of {@code label}. */
  public static SecretStore owned(String label, SecretView view) {
    return new SecretStore(view, Optional.of(label));
  }

  /** Secrets the operator watches for changes but reads from the API when it needs their values. */
  public static SecretStore metadataOnly(SecretView view) {
    return new SecretStore(view, Optional.empty());
  }

  /** The Secret reduced, in place, to what this store keeps: for the API's answers to the operator's writes. */
  Secret retained(Secret secret) {
    return view.reduce(secret);
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
    view.reduce(secret);
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

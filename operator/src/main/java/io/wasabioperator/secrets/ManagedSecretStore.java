package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer store that keeps the data only of the Secrets the operator manages. Other Secrets are
 * watched so that a rotated credential is noticed within seconds, but only their metadata is kept: the
 * operator's memory grows with what it manages, not with every Secret in the cluster, and no credential
 * sits in its heap longer than a reconcile that reads it.
 */
public final class ManagedSecretStore implements ItemStore<Secret> {
  private final Map<String, Secret> items = new ConcurrentHashMap<>();

  @Override
  public String getKey(Secret secret) {
    return Cache.metaNamespaceKeyFunc(secret);
  }

  @Override
  public Secret put(String key, Secret secret) {
    // managedFields only cost memory; nobody here reads them.
    secret.getMetadata().setManagedFields(null);
    return items.put(key, ManagedLabels.isManaged(secret) ? secret : identityOnly(secret));
  }

  @Override
  public Secret remove(String key) {
    return items.remove(key);
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

  /**
   * Name, owner and version only. Annotations go too: kubectl's last-applied-configuration holds a
   * copy of the whole Secret, data included.
   */
  private static Secret identityOnly(Secret secret) {
    ObjectMeta meta = secret.getMetadata();
    return new SecretBuilder()
        .withApiVersion(secret.getApiVersion())
        .withKind(secret.getKind())
        .withNewMetadata()
          .withName(meta.getName())
          .withNamespace(meta.getNamespace())
          .withUid(meta.getUid())
          .withResourceVersion(meta.getResourceVersion())
          .withLabels(meta.getLabels())
          .withOwnerReferences(meta.getOwnerReferences())
        .endMetadata()
        .build();
  }
}

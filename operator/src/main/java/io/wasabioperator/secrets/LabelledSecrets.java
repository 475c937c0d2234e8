package io.wasabioperator.secrets;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One informer over the Secrets that carry a label, shared by both controllers: the operator lists and
 * watches only labelled Secrets, never every Secret of the cluster. It also remembers the operator's
 * own writes until their watch events come back, so that a reconcile reads what it just wrote and its
 * own write does not wake it again; no bookkeeping annotation is put on Secrets that workloads read.
 */
public final class LabelledSecrets implements AutoCloseable {
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);
  /**
   * How long an own write is trusted over the informer without its watch event or a re-list confirming
   * it. Normally its event comes within milliseconds; without this bound, a write whose event was lost
   * (the watch broke before it, and the object was deleted before the re-list) would be read for ever.
   */
  static final Duration UNCONFIRMED_FOR = Duration.ofMinutes(1);

  /** What the API answered to an own write, and when. */
  private record OwnWrite(Secret secret, Instant at) {}

  private final KubernetesClient client;
  private final String label;
  private final String value;
  private final Set<String> namespaces;
  private final Supplier<SecretStore> newStore;
  private final Clock clock;
  // One store per informer: an informer's relist removes from its store whatever it did not list.
  private final Map<Optional<String>, SecretStore> stores = new ConcurrentHashMap<>();
  private final List<Consumer<Secret>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, OwnWrite> ownWrites = new ConcurrentHashMap<>();
  // Secrets being written by the operator, with the last event that came meanwhile
  private final Map<String, Optional<Secret>> inFlight = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<Secret>> informers = new CopyOnWriteArrayList<>();

  /**
   * @param namespaces where to watch; empty means every namespace
   * @param newStore makes the store of one informer, which keeps what the operator reads of these Secrets
   */
  public LabelledSecrets(KubernetesClient client, String label, String value, Set<String> namespaces,
      Supplier<SecretStore> newStore, Clock clock) {
    this.client = client;
    this.label = label;
    this.value = value;
    this.namespaces = namespaces;
    this.newStore = newStore;
    this.clock = clock;
  }

  /** Told every Secret that changed or went, except the operator's own writes coming back. */
  public void addListener(Consumer<Secret> listener) {
    listeners.add(listener);
  }

  /** Starts the informers once, whichever controller asks first, and waits until they have listed. */
  public synchronized void start() {
    if (!informers.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> synced = new ArrayList<>();
    for (Optional<String> namespace : namespaces.isEmpty() ? List.of(Optional.<String>empty())
        : namespaces.stream().sorted().map(Optional::of).toList()) {
      var secrets = namespace.isPresent() ? client.secrets().inNamespace(namespace.get())
          : client.secrets().inAnyNamespace();
      SecretStore store = newStore.get();
      stores.put(namespace, store);
      SharedIndexInformer<Secret> informer = secrets.withLabel(label, value).runnableInformer(0)
          .itemStore(store)
          .addEventHandler(new Handler());
      informers.add(informer);
      synced.add(informer.start().toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new))
          .get(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing Secrets labelled " + label, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list Secrets labelled " + label + "=" + value + ": " + e.getMessage(), e);
    }
  }

  /**
   * The Secret as last written by the operator or seen by the informer, whichever is newer; an own write
   * that nothing confirmed for {@link #UNCONFIRMED_FOR} is forgotten, and the informer believed.
   */
  public Optional<Secret> get(String namespace, String name) {
    String key = key(namespace, name);
    OwnWrite written = ownWrites.get(key);
    if (written != null && written.at().plus(UNCONFIRMED_FOR).isBefore(clock.instant())) {
      ownWrites.remove(key, written);
      written = null;
    }
    Optional<Secret> seen = storeOf(namespace).map(store -> store.get(key));
    if (written == null || seen.isPresent() && ResourceVersions.compare(seen.get(), written.secret()) >= 0) {
      return seen;
    }
    return Optional.of(written.secret());
  }

  /** Whether every informer is started and its watch is up. */
  public boolean isWatching() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  /** Secrets of {@code namespace} whose indexed label (see {@link SecretStore}) has this value. */
  public List<Secret> byIndexedLabel(String namespace, String labelValue) {
    return storeOf(namespace).map(store -> store.byIndexedLabel(namespace, labelValue)).orElse(List.of());
  }

  private Optional<SecretStore> storeOf(String namespace) {
    return Optional.ofNullable(stores.get(Optional.of(namespace))).or(() -> Optional.ofNullable(stores.get(Optional.empty())));
  }

  /**
   * Call before the operator's own create or patch of a Secret: its watch event can come back before
   * the write's answer, and is held until then, to be told apart from someone else's change.
   */
  public void writing(String namespace, String name) {
    inFlight.put(key(namespace, name), Optional.empty());
  }

  /** Call with what the API answered to the operator's own write, or empty when it wrote nothing. */
  public void written(String namespace, String name, Optional<Secret> answer) {
    String key = key(namespace, name);
    Optional<Secret> held;
    synchronized (inFlight) {
      // A copy: the caller keeps the API's answer as it came.
      answer.ifPresent(secret -> ownWrites.put(key, new OwnWrite(storeOf(namespace)
          .map(store -> store.retained(new SecretBuilder(secret).build())).orElse(secret), clock.instant())));
      held = inFlight.remove(key);
    }
    if (held != null) {
      held.ifPresent(this::changed);
    }
  }

  /** Call after the operator deleted a Secret, or found it gone (a 404): any record of a write of it is stale. */
  public void deleted(String namespace, String name) {
    ownWrites.remove(key(namespace, name));
  }

  @Override
  public synchronized void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    stores.clear();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** An own write whose event came back is forgotten and not announced; anything else is announced. */
  void changed(Secret secret) {
    String key = Cache.metaNamespaceKeyFunc(secret);
    synchronized (inFlight) {
      if (inFlight.containsKey(key)) {
        inFlight.put(key, Optional.of(secret));
        return;
      }
    }
    OwnWrite written = ownWrites.get(key);
    if (written != null) {
      int order = ResourceVersions.compare(secret, written.secret());
      if (order <= 0) {
        // The event of our own write, or one older than it: the reconcile that wrote it knew it all.
        if (order == 0) {
          ownWrites.remove(key, written);
        }
        return;
      }
      ownWrites.remove(key, written);
    }
    announce(secret);
  }

  private void announce(Secret secret) {
    listeners.forEach(listener -> listener.accept(secret));
  }

  private final class Handler implements ResourceEventHandler<Secret> {
    @Override
    public void onAdd(Secret secret) {
      changed(secret);
    }

    @Override
    public void onUpdate(Secret old, Secret secret) {
      changed(secret);
    }

    @Override
    public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
      ownWrites.remove(Cache.metaNamespaceKeyFunc(secret));
      announce(secret);
    }
  }
}

package io.wasabioperator.grants;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.wasabioperator.api.PlatformGrantSpec;
import io.wasabioperator.api.WasabiPlatformGrant;
import io.wasabioperator.integration.Validation;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grants of the platform identity, from the operator's configuration and from WasabiPlatformGrant
 * resources, and the labels of namespaces for grants that select them. Both informers are
 * cluster-wide whatever namespaces the operator watches: grants are cluster-scoped, and a grant may
 * select any namespace. When the grant CRD is not installed, the configured grants still apply.
 */
public final class PlatformGrants implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlatformGrants.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);

  private final KubernetesClient client;
  private final List<Grant> configured;
  private final List<Runnable> grantListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> namespaceListeners = new CopyOnWriteArrayList<>();
  private volatile SharedIndexInformer<WasabiPlatformGrant> grants;
  private volatile SharedIndexInformer<Namespace> namespaces;
  private volatile boolean crdMissing;
  private volatile boolean listed;

  public PlatformGrants(KubernetesClient client, List<PlatformGrantSpec> configured) {
    this.client = client;
    this.configured = IntStream.range(0, configured.size())
        .mapToObj(i -> Grant.configured(i + 1, configured.get(i))).toList();
  }

  /** Told when a grant appears, changes or goes. */
  public void onGrantsChanged(Runnable listener) {
    grantListeners.add(listener);
  }

  /** Told the name of a namespace whose labels may have changed. */
  public void onNamespaceChanged(Consumer<String> listener) {
    namespaceListeners.add(listener);
  }

  /** Starts both informers once, whichever controller asks first, and waits until they have listed. */
  public synchronized void start() {
    if (namespaces != null) {
      return;
    }
    namespaces = client.namespaces().runnableInformer(0).addEventHandler(new Handler<>(
        namespace -> namespaceListeners.forEach(l -> l.accept(namespace.getMetadata().getName())), false));
    grants = client.resources(WasabiPlatformGrant.class).runnableInformer(0)
        .addEventHandler(new Handler<>(grant -> grantListeners.forEach(Runnable::run), true));
    // Both list at once: each is a round trip the operator's start-up waits for.
    CompletableFuture<Void> namespacesListed = namespaces.start().toCompletableFuture();
    CompletableFuture<Void> grantsListed = grants.start().toCompletableFuture();
    await(namespacesListed, "namespaces");
    try {
      await(grantsListed, "WasabiPlatformGrants");
    } catch (IllegalStateException e) {
      if (!isNotFound(e)) {
        throw e;
      }
      grants.close();
      crdMissing = true;
      log.warn("The WasabiPlatformGrant CRD is not installed: only the {} grant(s) of "
          + "WASABI_OPERATOR_PLATFORM_GRANTS apply. Install it (crds/) and restart the operator to use "
          + "WasabiPlatformGrant resources", configured.size());
    }
    listed = true;
  }

  /**
   * Whether an integration may sign for a namespace as things stand: with its own key pair, with no platform
   * identity configured, or under a grant that covers the platform identity's use now (its status may predate
   * a grant's removal). SignedUrlRequests and the signing API both ask this.
   */
  public boolean allowSigning(Optional<Validation> validation, String namespace, boolean platformIdentityConfigured) {
    if (!(validation.orElse(null) instanceof Validation.Valid valid)) {
      return false; // nothing is signed with an integration whose spec is not valid, granted or not
    }
    if (valid.target().ownCredentials().isPresent() || !platformIdentityConfigured) {
      return true;
    }
    return GrantMatcher.covering(all(), valid.target().grantSubject(namespace, namespaceLabels(namespace)))
        .isPresent();
  }

  /** Every grant: the configured ones first, then the resources by name. */
  public List<Grant> all() {
    List<Grant> all = new ArrayList<>(configured);
    if (grants != null && !crdMissing) {
      grants.getStore().list().stream()
          // One being deleted (held by a finalizer) grants nothing any more.
          .filter(grant -> grant.getSpec() != null && !grant.isMarkedForDeletion())
          .sorted(Comparator.comparing(grant -> grant.getMetadata().getName()))
          .forEach(grant -> all.add(Grant.resource(grant.getMetadata().getName(), grant.getSpec())));
    }
    return all;
  }

  public List<WasabiPlatformGrant> resources() {
    return grants == null || crdMissing ? List.of() : grants.getStore().list();
  }

  /** Empty while the informer has not seen the namespace. */
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    return Optional.ofNullable(namespaces == null ? null : namespaces.getStore().getByKey(namespace))
        .map(found -> found.getMetadata().getLabels() == null ? Map.of() : found.getMetadata().getLabels());
  }

  /** The namespaces that carry this label with this value, as the informer holds them. */
  public Set<String> namespacesLabelled(String label, String value) {
    SharedIndexInformer<Namespace> informer = namespaces;
    return informer == null ? Set.of() : informer.getStore().list().stream()
        .filter(namespace -> namespace.getMetadata().getLabels() != null
            && value.equals(namespace.getMetadata().getLabels().get(label)))
        .map(namespace -> namespace.getMetadata().getName()).collect(Collectors.toSet());
  }

  /** Whether both informers have listed (or the grant CRD is known to be missing). */
  public boolean isSynced() {
    return listed;
  }

  public boolean isWatching() {
    SharedIndexInformer<WasabiPlatformGrant> current = grants;
    return namespaces != null && namespaces.isWatching() && (crdMissing || current != null && current.isWatching());
  }

  @Override
  public synchronized void close() {
    if (grants != null) {
      grants.close();
    }
    if (namespaces != null) {
      namespaces.close();
    }
  }

  private static void await(CompletableFuture<Void> listed, String what) {
    try {
      listed.get(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing " + what, e);
    } catch (ExecutionException | TimeoutException | CompletionException e) {
      throw new IllegalStateException("cannot list " + what + ": " + e.getMessage(), e);
    }
  }

  private static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  private final class Handler<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final Consumer<T> changed;
    private final boolean isGrant;

    Handler(Consumer<T> changed, boolean isGrant) {
      this.changed = changed;
      this.isGrant = isGrant;
    }

    @Override
    public void onAdd(T added) {
      changed.accept(added);
    }

    /** Only what grants can depend on: a grant's spec (its status is the operator's count), a namespace's labels. */
    @Override
    public void onUpdate(T old, T updated) {
      boolean relevant = isGrant
          ? !Objects.equals(old.getMetadata().getGeneration(), updated.getMetadata().getGeneration())
          : !Objects.equals(old.getMetadata().getLabels(), updated.getMetadata().getLabels());
      if (!relevant) {
        return;
      }
      changed.accept(updated);
    }

    @Override
    public void onDelete(T deleted, boolean finalStateUnknown) {
      changed.accept(deleted);
    }
  }
}

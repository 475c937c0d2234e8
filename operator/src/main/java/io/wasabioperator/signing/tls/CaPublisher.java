package io.wasabioperator.signing.tls;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.wasabioperator.secrets.ManagedLabels;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the signing API's CAs in a ConfigMap, as Kubernetes publishes kube-root-ca.crt: in the operator's
 * namespace and, when copies are on, in every namespace that needs it, so a workload mounts the CA from its own
 * namespace. The leader's job. A copy known to be current is looked at again only every
 * {@link #RECHECK}: one GET per namespace then, and a copy a tenant deleted comes back.
 */
public final class CaPublisher {
  public static final String CA_KEY = "ca.crt";
  static final Duration RECHECK = Duration.ofMinutes(10);
  /** After a conflict, an API server error or no answer: soon again, since a rotated CA waits on it. */
  static final Duration RETRY_TRANSIENT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(CaPublisher.class);

  /** What was last done in a namespace: written (or found current), or failed, and when to look again. */
  private record Written(String pem, Instant lookAgain, boolean failed) {}

  private final KubernetesClient client;
  private final String home;
  private final String name;
  private final Supplier<Set<String>> copies;
  private final Clock clock;
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  /**
   * @param home the operator's namespace
   * @param copies the other namespaces that get a copy (empty when copies are off)
   */
  public CaPublisher(KubernetesClient client, String home, String name, Supplier<Set<String>> copies, Clock clock) {
    this.client = client;
    this.home = home;
    this.name = name;
    this.copies = copies;
    this.clock = clock;
  }

  /** Writes the bundle's certificates where they are missing or differ; a namespace that fails is tried next time. */
  public void publish(AuthorityBundle bundle) {
    String pem = Pem.certificates(bundle.certificates());
    Instant now = clock.instant();
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(home);
    namespaces.addAll(copies.get());
    written.keySet().retainAll(namespaces);
    for (String namespace : namespaces) {
      Written last = written.get(namespace);
      if (last != null && last.pem().equals(pem) && now.isBefore(last.lookAgain())) {
        continue;
      }
      try {
        ensure(namespace, pem);
        written.put(namespace, new Written(pem, now.plus(RECHECK), false));
      } catch (KubernetesClientException | ForeignConfigMap e) {
        // A namespace being deleted refuses creates with 403 or 404, a quota with 403, an immutable ConfigMap an
        // update with 422: tried again after RECHECK; a conflict or a server error sooner. Said once, not at every
        // step.
        if (last == null || !last.failed() || !last.pem().equals(pem)) {
          LOG.warn("Could not publish the signing CA in ConfigMap {}/{}: {}; trying again later", namespace,
              name, e instanceof KubernetesClientException k ? "HTTP " + k.getCode() : e.getMessage());
        }
        boolean passing = e instanceof KubernetesClientException k && (k.getCode() == 409 || k.getCode() >= 500
            || k.getCode() <= 0);
        written.put(namespace, new Written(pem, now.plus(passing ? RETRY_TRANSIENT : RECHECK), true));
      }
    }
  }

  private void ensure(String namespace, String pem) {
    ConfigMap current = client.configMaps().inNamespace(namespace).withName(name).get();
    if (current == null) {
      try {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
            .withName(name).withNamespace(namespace)
            .withLabels(Map.of(ManagedLabels.MANAGED_BY, ManagedLabels.OPERATOR,
                "app.kubernetes.io/component", "signing-ca"))
            .endMetadata().withData(Map.of(CA_KEY, pem)).build()).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        current = client.configMaps().inNamespace(namespace).withName(name).get();
        if (current == null) {
          throw e;
        }
      }
    }
    if (current.getData() != null && Objects.equals(current.getData().get(CA_KEY), pem)) {
      return;
    }
    Map<String, String> labels = current.getMetadata().getLabels();
    if (labels == null || !ManagedLabels.OPERATOR.equals(labels.get(ManagedLabels.MANAGED_BY))) {
      // Someone else's ConfigMap of that name: left as it is, never taken over.
      throw new ForeignConfigMap();
    }
    // Only our key changes; sent with the resourceVersion read, so a write in between fails this one.
    Map<String, String> data = new java.util.HashMap<>(current.getData() == null ? Map.of() : current.getData());
    data.put(CA_KEY, pem);
    current.setData(data);
    client.configMaps().inNamespace(namespace).resource(current).update();
  }

  /** A ConfigMap of the CA's name that the operator did not make. */
  private static final class ForeignConfigMap extends RuntimeException {
    ForeignConfigMap() {
      super("a ConfigMap of that name exists without the label " + ManagedLabels.MANAGED_BY + "="
          + ManagedLabels.OPERATOR + "; delete it to get the CA published there", null, false, false);
    }
  }
}

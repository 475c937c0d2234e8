package io.wasabioperator.signing.tls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret that holds the signing API's CAs, in the operator's namespace. Any replica creates it when it is
 * missing (on a 409 it reads the one another replica made); only the leader changes it, by an update with the
 * resourceVersion it read, so two writers never overwrite each other.
 */
public final class AuthorityStore {
  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final CertificateSchedule.Lifetimes lifetimes;
  private final Clock clock;

  public AuthorityStore(KubernetesClient client, String namespace, String name,
      CertificateSchedule.Lifetimes lifetimes, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.lifetimes = lifetimes;
    this.clock = clock;
  }

  /** The bundle as stored, made first if there is none. */
  public AuthorityBundle current() {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return create();
    }
    return readable(secret);
  }

  /**
   * The leader's step: the bundle after the change the schedule asks for now, written; when another write came
   * first, the bundle that write left, for the next step to look at.
   */
  public AuthorityBundle maintain() {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return create();
    }
    AuthorityBundle bundle = readable(secret);
    Instant now = clock.instant();
    CertificateSchedule.Change change = bundle.change(now, lifetimes);
    if (change == CertificateSchedule.Change.NONE) {
      return bundle;
    }
    AuthorityBundle next = bundle.apply(change, now, lifetimes, commonName());
    secret.setData(next.data());
    try {
      // The resourceVersion read is sent back: a write in between makes this one fail with 409.
      client.secrets().inNamespace(namespace).resource(secret).update();
      return next;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return current();
      }
      throw e;
    }
  }

  private AuthorityBundle create() {
    Instant now = clock.instant();
    AuthorityBundle first = new AuthorityBundle(java.util.List.of())
        .apply(CertificateSchedule.Change.CREATE, now, lifetimes, commonName());
    Secret secret = new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withLabels(Map.of("app.kubernetes.io/component", "signing-ca")).endMetadata()
        .withType("Opaque").withData(first.data()).build();
    try {
      client.secrets().inNamespace(namespace).resource(secret).create();
      return first;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return readable(client.secrets().inNamespace(namespace).withName(name).get());
      }
      throw e;
    }
  }

  private AuthorityBundle readable(Secret secret) {
    Optional<AuthorityBundle> bundle = secret == null ? Optional.empty() : AuthorityBundle.read(secret.getData());
    return bundle.orElseThrow(() -> new IllegalStateException("Secret " + namespace + "/" + name
        + " does not hold the signing API's CAs (ca.crt, ca.key and published-at that agree); delete it, and the "
        + "operator makes a new CA (clients must then trust the new one)"));
  }

  private String commonName() {
    return name + " " + clock.instant().getEpochSecond();
  }
}

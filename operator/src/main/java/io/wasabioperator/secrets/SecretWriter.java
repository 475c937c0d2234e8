package io.wasabioperator.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes the operator's Secrets: creates them whole, then changes only its own fields with JSON merge
 * patches that carry the resourceVersion the change was decided on. A Secret that changed meanwhile,
 * or was deleted and re-created under the same name by someone else, is never overwritten: the write
 * answers empty and the caller decides again from what is there now.
 *
 * <p>Not java-operator-sdk's {@code KubernetesDependentResource}: in this version each dependent
 * resource brings an informer of its own, where both controllers here share one label-selected
 * informer, and its updates write the desired object whole rather than the operator's fields alone.
 */
public final class SecretWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final LabelledSecrets owned;

  public SecretWriter(KubernetesClient client, LabelledSecrets owned) {
    this.client = client;
    this.owned = owned;
  }

  /** Empty when the name is taken (409). */
  public Optional<Secret> create(Secret secret) {
    return write(secret, () -> {
      try {
        return Optional.of(client.secrets().resource(secret).create());
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** Empty when {@code live} is no longer what is there (409), or is gone (404). */
  public Optional<Secret> patch(Secret live, OwnedFields fields) {
    String body;
    try {
      body = JSON.writeValueAsString(fields.mergePatch(live.getMetadata().getResourceVersion()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialise", e);
    }
    return write(live, () -> {
      try {
        return Optional.of(client.secrets().inNamespace(live.getMetadata().getNamespace())
            .withName(live.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), body));
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          // Gone: a record of an earlier write of it would be read for a Secret that is not there.
          owned.deleted(live.getMetadata().getNamespace(), live.getMetadata().getName());
          return Optional.empty();
        }
        if (e.getCode() == 409) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** The informer is told of the write before it is sent and of its answer after, whatever happened. */
  private Optional<Secret> write(Secret target, Supplier<Optional<Secret>> request) {
    String namespace = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
    owned.writing(namespace, name);
    Optional<Secret> answer = Optional.empty();
    try {
      answer = request.get();
      return answer;
    } finally {
      owned.written(namespace, name, answer);
    }
  }

  /** Reads a Secret from the API: for names the informer does not cover (not labelled, or not the operator's). */
  public Optional<Secret> read(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  /** How a delete ended. */
  public enum Deletion {
    DELETED,
    /** Already gone. */
    GONE,
    /** Not the Secret that was decided on any more (changed, or deleted and made again by someone else): decide again. */
    CHANGED
  }

  /**
   * Deletes exactly {@code secret}: the API deletes it only if its UID and resourceVersion are still those
   * of the copy given, so that a Secret changed, or deleted and made again under the name by someone else
   * meanwhile, is never deleted.
   */
  public Deletion delete(Secret secret) {
    String namespace = secret.getMetadata().getNamespace();
    String name = secret.getMetadata().getName();
    Map<String, Object> preconditions = new LinkedHashMap<>();
    preconditions.put("uid", secret.getMetadata().getUid());
    preconditions.put("resourceVersion", secret.getMetadata().getResourceVersion());
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("apiVersion", "v1");
    options.put("kind", "DeleteOptions");
    options.put("preconditions", preconditions);
    try {
      // fabric8's delete sends a resourceVersion precondition only; the UID needs DeleteOptions of our own.
      client.raw("/api/v1/namespaces/" + namespace + "/secrets/" + name, "DELETE", options);
      owned.deleted(namespace, name);
      return Deletion.DELETED;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        owned.deleted(namespace, name);
        return Deletion.GONE;
      }
      if (e.getCode() == 409) {
        return Deletion.CHANGED;
      }
      throw e;
    }
  }
}

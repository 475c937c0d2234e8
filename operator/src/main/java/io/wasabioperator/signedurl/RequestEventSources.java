package io.wasabioperator.signedurl;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.integration.IntegrationConditions;
import io.wasabioperator.observability.OperatorMetrics;
import io.wasabioperator.secrets.SecretEvents;
import io.wasabioperator.secrets.SharedSecrets;
import io.wasabioperator.status.Conditions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What wakes a SignedUrlRequest: its own changes that matter, its integration's, and its Secret's. */
final class RequestEventSources {
  static final String INTEGRATIONS = "integrations";
  static final String OWNED_SECRETS = "owned-secrets";
  private static final String BY_INTEGRATION = "by-integration";
  private static final String BY_SECRET_NAME = "by-secret-name";

  private RequestEventSources() {}

  static List<EventSource<?, SignedUrlRequest>> prepare(EventSourceContext<SignedUrlRequest> context,
      SharedSecrets secrets, OperatorMetrics metrics, Optional<String> labelSelector) {
    var requests = context.getPrimaryCache();
    metrics.earliestExpiryFrom(() -> requests.list()
        .map(SignedUrlRequest::getStatus)
        .filter(status -> status != null && status.getNotAfter() != null)
        .map(status -> Instant.parse(status.getNotAfter()))
        .min(Instant::compareTo));
    metrics.requestsNotReadyFrom(() -> requests.list().filter(request -> !Conditions.find(
            request.getStatus() == null ? null : request.getStatus().getConditions(), SignedUrlConditions.READY)
        .map(ready -> Conditions.TRUE.equals(ready.getStatus())).orElse(false)).count());
    metrics.renewalTimesFrom(() -> requests.list()
        .map(SignedUrlRequest::getStatus)
        .filter(status -> status != null && status.getRenewalTime() != null && status.getNotAfter() != null)
        .map(status -> Instant.parse(status.getRenewalTime())));
    requests.addIndexer(BY_INTEGRATION, request -> request.getSpec() == null || request.getSpec().getIntegrationRef() == null
        ? List.of()
        : List.of(key(request.getMetadata().getNamespace(), request.getSpec().getIntegrationRef().getName())));
    requests.addIndexer(BY_SECRET_NAME, request -> List.of(key(request.getMetadata().getNamespace(),
        request.getSpec() != null && request.getSpec().getSecretName() != null
            ? request.getSpec().getSecretName() : request.getMetadata().getName())));

    var integrations = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(WasabiStorageIntegration.class, SignedUrlRequest.class)
            .withName(INTEGRATIONS)
            // The integrations of this shard only: a request's integration on another shard is not its to sign for.
            .withLabelSelector(labelSelector.orElse(null))
            .withOnUpdateFilter(RequestEventSources::matters)
            .withSecondaryToPrimaryMapper(integration -> requestsOf(requests.byIndex(BY_INTEGRATION,
                key(integration.getMetadata().getNamespace(), integration.getMetadata().getName()))))
            .build(),
        context);
    var ownerMapper = Mappers.<Secret>fromOwnerReferences(SignedUrlRequest.class);
    var owned = new SecretEvents<SignedUrlRequest>(OWNED_SECRETS, secrets.owned(), secret -> {
      Set<ResourceID> ids = new HashSet<>(ownerMapper.toPrimaryResourceIDs(secret));
      // Another request's Secret in the way of a request's secretName: its removal frees the name.
      ids.addAll(requestsOf(requests.byIndex(BY_SECRET_NAME,
          key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))));
      return ids;
    });
    // Rotated credentials reach the requests through their integration, once it has probed the new pair.
    return List.of(integrations, owned);
  }

  @SuppressWarnings("unchecked")
  static InformerEventSource<WasabiStorageIntegration, SignedUrlRequest> integrations(
      Context<SignedUrlRequest> context) {
    return (InformerEventSource<WasabiStorageIntegration, SignedUrlRequest>)
        context.eventSourceRetriever().getEventSourceFor(WasabiStorageIntegration.class, INTEGRATIONS);
  }

  /** Reconcile on spec changes and on a new renew-requested-at value, not on the operator's own status writes. */
  static boolean isRelevantUpdate(SignedUrlRequest updated, SignedUrlRequest old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(renewRequest(updated), renewRequest(old))
        || updated.isMarkedForDeletion();
  }

  /**
   * A new spec, a Ready that changed (also only in the generation it speaks of: requests waiting for an
   * edited integration to be verified wake when it is), a new key pair verified by a probe, or its
   * deletion (held by someone else's finalizer, it is as good as gone).
   */
  static boolean matters(WasabiStorageIntegration updated, WasabiStorageIntegration old) {
    return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
        || !Objects.equals(updated.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp())
        || !Objects.equals(readiness(updated), readiness(old))
        || !Objects.equals(credentialsFingerprint(updated), credentialsFingerprint(old));
  }

  static String renewRequest(SignedUrlRequest request) {
    Map<String, String> annotations = request.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(SignedUrlRequest.RENEW_REQUESTED_AT);
  }

  private static String credentialsFingerprint(WasabiStorageIntegration integration) {
    return integration.getStatus() == null ? null : integration.getStatus().getCredentialsFingerprint();
  }

  private static String readiness(WasabiStorageIntegration integration) {
    return Conditions.find(integration.getStatus() == null ? null : integration.getStatus().getConditions(),
            IntegrationConditions.READY)
        .map(c -> c.getStatus() + "/" + c.getReason() + "/" + c.getObservedGeneration()).orElse("");
  }

  private static Set<ResourceID> requestsOf(List<SignedUrlRequest> requests) {
    return requests.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}

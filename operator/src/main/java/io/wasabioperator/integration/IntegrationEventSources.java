package io.wasabioperator.integration;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.grants.GrantEvents;
import io.wasabioperator.grants.PlatformGrants;
import io.wasabioperator.secrets.SecretEvents;
import io.wasabioperator.secrets.SharedSecrets;
import io.wasabioperator.status.Conditions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a WasabiStorageIntegration: its connection Secret, its labelled credentials Secret (or the
 * platform identity's), another integration freeing a name it waits for, and grants of the platform
 * identity.
 */
final class IntegrationEventSources {
  static final String OWNED_SECRETS = "owned-secrets";
  static final String CREDENTIALS_SECRETS = "credentials-secrets";
  static final String STORAGE_NAME_CLAIMS = "storage-name-claims";
  static final String GRANTS = "platform-grants";
  private static final String BY_CREDENTIALS_SECRET = "by-credentials-secret";
  private static final String BY_CONNECTION_SECRET = "by-connection-secret";

  private IntegrationEventSources() {}

  static List<EventSource<?, WasabiStorageIntegration>> prepare(EventSourceContext<WasabiStorageIntegration> context,
      SharedSecrets secrets, OperatorConfig config, PlatformGrants grants) {
    context.getPrimaryCache().addIndexer(BY_CREDENTIALS_SECRET, integration -> {
      var spec = integration.getSpec();
      if (spec == null || spec.getCredentialsSecretRef() == null || spec.getCredentialsSecretRef().getName() == null) {
        return List.of();
      }
      return List.of(integration.getMetadata().getNamespace() + "/" + spec.getCredentialsSecretRef().getName());
    });
    // A foreign Secret in the way of the connection Secret: its removal must wake the integration.
    context.getPrimaryCache().addIndexer(BY_CONNECTION_SECRET, integration -> List.of(
        integration.getMetadata().getNamespace() + "/" + ConnectionSecret.name(integration)));
    var ownerMapper = Mappers.<Secret>fromOwnerReferences(WasabiStorageIntegration.class);
    var cache = context.getPrimaryCache();
    var owned = new SecretEvents<WasabiStorageIntegration>(OWNED_SECRETS, secrets.owned(), secret -> {
      Set<ResourceID> ids = new HashSet<>(ownerMapper.toPrimaryResourceIDs(secret));
      // Another integration's connection Secret in the way of this one's: its removal frees the name.
      cache.byIndex(BY_CONNECTION_SECRET, Cache.metaNamespaceKeyFunc(secret)).forEach(i -> ids.add(ResourceID.fromResource(i)));
      return ids;
    });
    var credentials = new SecretEvents<WasabiStorageIntegration>(CREDENTIALS_SECRETS, secrets.credentials(),
        secret -> {
          Set<ResourceID> ids = new HashSet<>();
          cache.byIndex(BY_CREDENTIALS_SECRET, Cache.metaNamespaceKeyFunc(secret)).forEach(i -> ids.add(ResourceID.fromResource(i)));
          if (config.platformCredentials().map(p -> p.toString().equals(Cache.metaNamespaceKeyFunc(secret))).orElse(false)) {
            cache.list(i -> i.getSpec() != null && i.getSpec().getCredentialsSecretRef() == null)
                .forEach(i -> ids.add(ResourceID.fromResource(i)));
          }
          return ids;
        });
    // A change to any integration may free a storage name that a younger one is waiting for.
    var claims = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(WasabiStorageIntegration.class, WasabiStorageIntegration.class)
            .withName(STORAGE_NAME_CLAIMS)
            // Every shard's integrations: a storage name is unique per namespace, whichever shard
            // handles the integration that claims it.
            .withSecondaryToPrimaryMapper(changed -> context.getPrimaryCache()
                .list(changed.getMetadata().getNamespace())
                .filter(IntegrationEventSources::waitsForStorageName)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .build(),
        context);
    var grantEvents = new GrantEvents(GRANTS, grants, namespace -> (namespace.isPresent()
            ? cache.list(namespace.get(), IntegrationEventSources::onPlatformIdentity)
            : cache.list(IntegrationEventSources::onPlatformIdentity))
        .map(ResourceID::fromResource).collect(Collectors.toSet()));
    return List.of(owned, credentials, claims, grantEvents);
  }

  private static boolean onPlatformIdentity(WasabiStorageIntegration integration) {
    return integration.getSpec() != null && integration.getSpec().getCredentialsSecretRef() == null;
  }

  /** The informer of all integrations, whose cache has already seen the deletion that freed a name. */
  @SuppressWarnings("unchecked")
  static InformerEventSource<WasabiStorageIntegration, WasabiStorageIntegration> claims(
      Context<WasabiStorageIntegration> context) {
    return (InformerEventSource<WasabiStorageIntegration, WasabiStorageIntegration>)
        context.eventSourceRetriever().getEventSourceFor(WasabiStorageIntegration.class, STORAGE_NAME_CLAIMS);
  }

  private static boolean waitsForStorageName(WasabiStorageIntegration integration) {
    return integration.getStatus() != null && Conditions.find(integration.getStatus().getConditions(),
            IntegrationConditions.VALIDATED)
        .map(c -> IntegrationReason.StorageNameConflict.name().equals(c.getReason()))
        .orElse(false);
  }
}

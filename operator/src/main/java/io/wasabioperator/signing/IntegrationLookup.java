package io.wasabioperator.signing;

import io.wasabioperator.api.WasabiStorageIntegration;
import java.util.Optional;
import java.util.Set;

/** The integrations this operator (or shard) handles, as its informer holds them: no API request. */
public interface IntegrationLookup {
  Optional<WasabiStorageIntegration> find(String namespace, String name);

  /** The namespaces that hold an integration. */
  Set<String> namespaces();

  /** Whether the informer has listed: before that, "not found" would be a guess. */
  boolean synced();
}

package io.wasabioperator.grants;

import io.wasabioperator.api.AccessMode;
import java.util.Map;
import java.util.Optional;

/**
 * What an integration on the platform identity asks to be granted.
 *
 * @param namespaceLabels the labels of its namespace, for selectors; empty while the namespace is not
 *     known yet, which no selector then matches (NotIn would otherwise match a namespace not yet seen)
 * @param accessPrefix its normalised accessPrefix; empty for the whole bucket
 * @param endpointHost the host of spec.endpoint when it overrides Wasabi's endpoints
 */
public record GrantSubject(String namespace, Optional<Map<String, String>> namespaceLabels, String bucket,
    String accessPrefix, AccessMode mode, Optional<String> endpointHost) {}

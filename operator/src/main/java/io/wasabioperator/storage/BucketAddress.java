package io.wasabioperator.storage;

import java.net.URI;

/**
 * Where a bucket is served.
 *
 * @param pathStyle true to address the bucket in the path (endpoint overrides), false for a virtual host
 */
public record BucketAddress(URI endpoint, String region, boolean pathStyle, String bucket) {}

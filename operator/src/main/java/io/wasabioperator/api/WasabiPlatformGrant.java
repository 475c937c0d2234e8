package io.wasabioperator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Lets integrations of some namespaces use the operator's platform identity on some buckets.
 * Cluster-scoped and outside the {@code wasabi} category: namespace editors cannot list it, and
 * {@code kubectl get wasabi} must keep working for them.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("wpg")
@AdditionalPrinterColumn(name = "Buckets", jsonPath = ".spec.buckets", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Integrations", jsonPath = ".status.integrations",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class WasabiPlatformGrant extends CustomResource<PlatformGrantSpec, WasabiPlatformGrantStatus> {}

package io.wasabioperator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A presigned URL for one object (or a MIRAX slide), kept valid by the operator in a Secret. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("sur")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Integration", jsonPath = ".spec.integrationRef.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Key", jsonPath = ".spec.key", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Method", jsonPath = ".spec.method", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
// A string, not a date: kubectl shows a date column as an age, and a time in the future as <invalid>.
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".status.notAfter",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class SignedUrlRequest extends CustomResource<SignedUrlRequestSpec, SignedUrlRequestStatus>
    implements Namespaced {
  /** A new value of this annotation asks for exactly one renewal. */
  public static final String RENEW_REQUESTED_AT = ApiGroup.GROUP + "/renew-requested-at";
}

package io.wasabioperator.cli.commands;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.CredentialsSecretRef;
import io.wasabioperator.api.ProbeSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.api.WasabiStorageIntegrationSpec;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.integration.Validation;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code create integration NAME --bucket --region --mode ...}. */
@Command(name = "integration", aliases = {"wsi"}, mixinStandardHelpOptions = true,
    description = {"Create a WasabiStorageIntegration.", "", "Example:",
        "  kubectl wasabi create integration slides --bucket customer-a-slides --region eu-central-2 --mode ReadOnly "
            + "--access-prefix slides/ --mirax -n demo --dry-run=client -o yaml"})
final class CreateIntegrationCommand extends CreateResource {
  @Option(names = "--bucket", required = true, description = "The Wasabi bucket.")
  String bucket;

  @Option(names = "--region", required = true, description = "Its region, such as eu-central-2.")
  String region;

  @Option(names = "--mode", required = true, description = "ReadWrite or ReadOnly.")
  AccessMode mode;

  @Option(names = "--prefix", description = "ReadWrite: where thumbnails and frames are written (default data/ under "
      + "the access prefix).")
  String prefix;

  @Option(names = "--access-prefix", description = "The only folder granted (default: the whole bucket).")
  String accessPrefix;

  @Option(names = "--mirax", description = "Support MIRAX slides (grants s3:ListBucket).")
  Boolean mirax;

  @Option(names = "--storage-name", description = "The platform's name for this storage (default: the bucket).")
  String storageName;

  @Option(names = "--credentials-secret", paramLabel = "SECRET",
      description = "A Secret with the key pair (accessKeyId, secretAccessKey); default: the platform identity.")
  String credentialsSecret;

  @Option(names = "--principal-arn", description = "The principal the bucket policy grants (default: the operator's).")
  String principalArn;

  @Option(names = "--endpoint", description = "An S3 endpoint instead of Wasabi's regional one.")
  String endpoint;

  @Option(names = "--probe-interval", description = "How often access is checked, such as 10m.")
  String probeInterval;

  @Option(names = "--probe-object-key", description = "An existing object the probe reads to prove read access.")
  String probeObjectKey;

  @Override
  HasMetadata build() {
    WasabiStorageIntegrationSpec spec = new WasabiStorageIntegrationSpec();
    spec.setBucket(bucket);
    spec.setRegion(region);
    spec.setMode(mode);
    spec.setPrefix(prefix);
    spec.setAccessPrefix(accessPrefix);
    spec.setMirax(mirax);
    spec.setStorageName(storageName);
    spec.setPrincipalArn(principalArn);
    spec.setEndpoint(endpoint);
    if (credentialsSecret != null) {
      CredentialsSecretRef ref = new CredentialsSecretRef();
      ref.setName(credentialsSecret);
      spec.setCredentialsSecretRef(ref);
    }
    if (probeInterval != null || probeObjectKey != null) {
      ProbeSpec probe = new ProbeSpec();
      probe.setInterval(probeInterval);
      probe.setObjectKey(probeObjectKey);
      spec.setProbe(probe);
    }
    WasabiStorageIntegration integration = new WasabiStorageIntegration();
    integration.setSpec(spec);
    return integration;
  }

  @Override
  Optional<String> problem(HasMetadata resource) {
    return IntegrationSpecs.validate(((WasabiStorageIntegration) resource).getSpec()) instanceof Validation.Invalid i
        ? Optional.of(i.reason() + ": " + i.message()) : Optional.empty();
  }

  @Override
  ResourceKind kind() {
    return ResourceKind.INTEGRATION;
  }
}

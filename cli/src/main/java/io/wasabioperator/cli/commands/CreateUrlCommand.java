package io.wasabioperator.cli.commands;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.IntegrationRef;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.signedurl.RequestValidation;
import io.wasabioperator.signedurl.SignedUrlRequestValidator;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code create url NAME --integration --key ...}. */
@Command(name = "url", aliases = {"sur"}, mixinStandardHelpOptions = true,
    description = {"Create a SignedUrlRequest.", "", "Example:",
        "  kubectl wasabi create url slide-url --integration slides --key slides/case-1.mrxs --duration 2h -n demo"})
final class CreateUrlCommand extends CreateResource {
  @Option(names = "--integration", required = true, description = "The WasabiStorageIntegration, same namespace.")
  String integration;

  @Option(names = "--key", required = true, description = "The object key.")
  String key;

  @Option(names = "--method", description = "GET (default) or PUT.")
  HttpMethod method;

  @Option(names = "--content-type", description = "PUT only: the Content-Type the upload must send.")
  String contentType;

  @Option(names = "--duration", description = "How long each URL is valid, such as 2h (default "
      + CreateCommand.DEFAULT_MAX_URL_DURATION + ").")
  String duration;

  @Option(names = "--renew-before", description = "How long before expiry to renew (default: a third of duration).")
  String renewBefore;

  @Option(names = "--secret-name", description = "The Secret that receives the URL (default: NAME).")
  String secretName;

  @Override
  HasMetadata build() {
    SignedUrlRequestSpec spec = new SignedUrlRequestSpec();
    IntegrationRef ref = new IntegrationRef();
    ref.setName(integration);
    spec.setIntegrationRef(ref);
    spec.setKey(key);
    spec.setMethod(method);
    spec.setContentType(contentType);
    spec.setDuration(duration);
    spec.setRenewBefore(renewBefore);
    spec.setSecretName(secretName);
    SignedUrlRequest request = new SignedUrlRequest();
    request.setSpec(spec);
    return request;
  }

  @Override
  Optional<String> problem(HasMetadata resource) {
    RequestValidation validation = new SignedUrlRequestValidator(OperatorConfig.DEFAULT_MAX_URL_DURATION)
        .validate(name, ((SignedUrlRequest) resource).getSpec());
    return validation instanceof RequestValidation.Invalid i ? Optional.of(i.reason() + ": " + i.message())
        : Optional.empty();
  }

  @Override
  ResourceKind kind() {
    return ResourceKind.REQUEST;
  }
}

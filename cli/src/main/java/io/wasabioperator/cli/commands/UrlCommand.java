package io.wasabioperator.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.cli.CliException;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.cli.ResourceRef;
import io.wasabioperator.cli.output.Ages;
import io.wasabioperator.cli.output.Documents;
import io.wasabioperator.cli.output.Output;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The current URL(s) of a request, from its Secret. The one command that prints a secret, on purpose (as
 * {@code kubectl get secret -o jsonpath} would): only on stdout, never in an error or warning.
 */
@Command(name = "url", mixinStandardHelpOptions = true,
    description = {"Print the current URL(s) of a request.", "", "Print the current presigned URL of a SignedUrlRequest, read from its Secret. For a MIRAX "
        + "slide, every object's URL (KEY<TAB>URL lines), or one with --key.",
        "The URL is a bearer credential: it is printed on standard output only.",
        "", "Examples:", "  curl -fsS \"$(kubectl wasabi url sur/slide-url -n demo)\"",
        "  kubectl wasabi url sur/slide -n demo --key slides/a/Data0001.dat", "  kubectl wasabi url sur/slide -o json"})
public final class UrlCommand extends KubeCommand {
  static final String URL = "url";
  static final String URLS = "urls.json";
  static final String EXPIRES_AT = "expiresAt";

  @Parameters(paramLabel = "sur/NAME", arity = "1..2", description = "The request: sur/NAME or sur NAME.")
  List<String> resource;

  @Option(names = "--key", paramLabel = "KEY", description = "Only the URL of this object key.")
  String key;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml or json: a map of key to URL.")
  Output output;

  @Override
  public Integer call() {
    ResourceRef ref = ref(resource);
    if (ref.kind() != ResourceKind.REQUEST) {
      throw CliException.error("URLs belong to SignedUrlRequests (sur/NAME), not to " + ref);
    }
    SignedUrlRequest request = get(SignedUrlRequest.class, ref);
    String secretName = secretName(request);
    Secret secret = client().secrets().inNamespace(namespace()).withName(secretName).get();
    if (secret == null) {
      throw CliException.error("the Secret " + secretName + " of " + ref + " does not exist (yet): "
          + "kubectl wasabi status " + ref + " says why");
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Map<String, String> urls = urls(data, request.getSpec() == null ? null : request.getSpec().getKey());
    if (urls.isEmpty()) {
      throw CliException.error("the Secret " + secretName + " holds no valid URL now (not issued yet, or withdrawn): "
          + "kubectl wasabi status " + ref + " says why");
    }
    decoded(data, EXPIRES_AT).flatMap(Ages::parse).filter(at -> !at.isAfter(clock().instant()))
        .ifPresent(at -> err().println("warning: the URL expired at " + at));
    if (key != null) {
      if (!urls.containsKey(key)) {
        throw CliException.error("the Secret " + secretName + " has no URL for the key " + key + "; its keys: "
            + String.join(", ", urls.keySet()));
      }
      urls = Map.of(key, urls.get(key));
    }
    if (output != null) {
      out().print(Documents.format(urls, output));
    } else if (urls.size() == 1) {
      out().println(urls.values().iterator().next());
    } else {
      urls.forEach((objectKey, url) -> out().println(objectKey + "\t" + url));
    }
    return 0;
  }

  static String secretName(SignedUrlRequest request) {
    if (request.getStatus() != null && request.getStatus().getSecretName() != null) {
      return request.getStatus().getSecretName();
    }
    if (request.getSpec() != null && request.getSpec().getSecretName() != null) {
      return request.getSpec().getSecretName();
    }
    return request.getMetadata().getName();
  }

  /** Object key to URL: urls.json for a MIRAX slide, else the one url under the request's key. */
  private static Map<String, String> urls(Map<String, String> data, String requestKey) {
    Optional<String> many = decoded(data, URLS);
    if (many.isPresent()) {
      try {
        return Documents.json().readValue(many.get(), new TypeReference<LinkedHashMap<String, String>>() {});
      } catch (JsonProcessingException e) {
        // Never Jackson's message: it quotes the content, which holds URLs.
        throw CliException.error(URLS + " in the Secret is not a JSON object of key to URL");
      }
    }
    Map<String, String> one = new LinkedHashMap<>();
    decoded(data, URL).ifPresent(url -> one.put(requestKey, url));
    return one;
  }

  private static Optional<String> decoded(Map<String, String> data, String key) {
    return Optional.ofNullable(data.get(key))
        .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
  }
}

package io.wasabioperator.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.cli.CliException;
import io.wasabioperator.cli.KubeCommand;
import io.wasabioperator.cli.ResourceKind;
import io.wasabioperator.cli.ResourceRef;
import io.wasabioperator.cli.output.Documents;
import io.wasabioperator.cli.output.Output;
import io.wasabioperator.cli.signing.SigningCall;
import io.wasabioperator.cli.signing.SigningEndpoint;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a workload with a ServiceAccount gets from the signing API: a short-lived token for the ServiceAccount
 * (TokenRequest), the call through a port-forward to the signing Service (the API server's service proxy would
 * drop the caller's Authorization), the server's certificate verified for the Service's name with the CA the
 * operator publishes. 403 included.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Get presigned URLs from the signing API, as a ServiceAccount would.", "",
        "Gets a 10-minute token for the ServiceAccount, reaches the operator's signing Service through a "
            + "port-forward, verifies its certificate for the Service's name with the CA from its ConfigMap, and "
            + "prints one URL per key (or the answer with -o json). Refusals are printed as the API words them.",
        "Needs: create on serviceaccounts/token; get and create on pods/portforward; list on pods, and get on the "
            + "Service and the CA ConfigMap, in the operator's namespace; list on Deployments (to find the operator).",
        "", "Examples:", "  kubectl wasabi sign wsi/slides images/1.jpg images/2.jpg --service-account viewer",
        "  kubectl wasabi sign wsi/slides data/new.jpg --put --service-account platform/backend -n team-a",
        "  kubectl wasabi sign wsi/demo images/a.png --service-account viewer --signing-url https://127.0.0.1:8443"})
public final class SignCommand extends KubeCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Long enough for one call, short enough that a token left behind is soon worthless. */
  private static final long TOKEN_SECONDS = 600;

  @Parameters(index = "0", paramLabel = "wsi/NAME", description = "The integration: wsi/NAME.")
  String integration;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Object keys to sign (1 to 1000).")
  List<String> keys;

  @Option(names = "--service-account", required = true, paramLabel = "[NS/]NAME",
      description = "The ServiceAccount to sign as (its namespace defaults to the integration's).")
  String serviceAccount;

  @Option(names = "--put", description = "Sign PUT (upload) URLs instead of GET.")
  boolean put;

  @Option(names = "--duration", paramLabel = "D", description = "How long the URLs are valid, such as 15m (the "
      + "API's default when left out).")
  String duration;

  @Option(names = "--audience", paramLabel = "A", description = "The token's audience; default: the operator's "
      + "first (WASABI_OPERATOR_SIGNING_AUDIENCES), else wasabi-operator.")
  String audience;

  @Option(names = "--shard", paramLabel = "S", description = "The operator shard whose Service to call; default: "
      + "the shard whose label selector matches the integration's labels.")
  String shard;

  @Option(names = "--signing-url", paramLabel = "URL", description = "Call the signing API at this address "
      + "(https://host:port) instead of through a port-forward, e.g. the one the sandbox prints.")
  URI signingUrl;

  @Option(names = "--ca-file", paramLabel = "FILE", description = "Trust these CAs (PEM) for the server's "
      + "certificate; default: the operator's published CA, or, when it serves a cert-manager or TLS Secret "
      + "certificate, the JVM's trusted CAs.")
  java.nio.file.Path caFile;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json or yaml: the API's whole answer.")
  Output output;

  @Override
  public Integer call() {
    ResourceRef ref = ref(List.of(integration));
    if (ref.kind() != ResourceKind.INTEGRATION) {
      throw CliException.error("URLs are signed with a WasabiStorageIntegration (wsi/NAME), not " + ref);
    }
    String namespace = namespace();
    List<Deployment> operators = operators();
    // With --signing-url and no operator Deployment to read (a sandbox of another kind), the CA's copy in the
    // integration's namespace, under the chart's default name.
    SigningEndpoint endpoint = operators.isEmpty() && signingUrl != null ? SigningEndpoint.copyIn(namespace)
        : SigningEndpoint.choose(operators, Optional.ofNullable(shard),
            () -> labels(get(WasabiStorageIntegration.class, ref)));
    String token = token(namespace, Optional.ofNullable(audience).orElse(endpoint.audience()));
    if (signingUrl != null && !"https".equals(signingUrl.getScheme())) {
      throw CliException.error("--signing-url must be an https:// address: the signing API serves HTTPS only");
    }
    Optional<String> ca = caFile != null ? Optional.of(readCaFile()) : endpoint.ownCa() ? Optional.of(ca(endpoint))
        : Optional.empty();
    String body = body();
    String path = "/v1alpha1/namespaces/" + namespace + "/wasabistorageintegrations/" + ref.name() + "/urls";
    SigningCall.Reply reply;
    if (signingUrl != null) {
      reply = SigningCall.post(URI.create(signingUrl.toString().replaceAll("/+$", "") + path), Optional.empty(), ca,
          token, body);
    } else {
      try (LocalPortForward forward = client().services().inNamespace(endpoint.namespace())
          .withName(endpoint.service()).portForward(endpoint.port())) {
        reply = SigningCall.post(URI.create("https://127.0.0.1:" + forward.getLocalPort() + path),
            Optional.of(endpoint.serverName()), ca, token, body);
      } catch (IOException | RuntimeException e) {
        if (e instanceof CliException cli) {
          throw cli;
        }
        // Not the exception's message: fabric8's quotes the whole Service.
        throw CliException.error("the port-forward to service " + endpoint.namespace() + "/" + endpoint.service()
            + " failed (" + (e instanceof KubernetesClientException k ? answer(k) : e.getClass().getSimpleName())
            + "): it needs a ready pod behind the Service, and list on pods and get and create on pods/portforward "
            + "in " + endpoint.namespace());
      }
    }
    return print(reply);
  }

  private int print(SigningCall.Reply reply) {
    JsonNode answer = reply.body();
    if (reply.status() != 200) {
      throw CliException.error("the signing API answered " + reply.status() + " " + answer.path("reason").asText()
          + ": " + answer.path("message").asText());
    }
    if (output != null) {
      out().print(Documents.format(JSON.convertValue(answer, Map.class), output));
      return 0;
    }
    int refused = 0;
    for (JsonNode entry : answer.path("urls")) {
      if (entry.has("url")) {
        out().println(entry.path("url").asText());
      } else {
        refused++;
        err().println(entry.path("key").asText() + ": " + entry.path("reason").asText() + ": "
            + entry.path("message").asText());
      }
    }
    return refused == 0 ? 0 : 1;
  }

  private String body() {
    ObjectNode body = JSON.createObjectNode();
    body.putPOJO("keys", keys);
    body.put("method", put ? "PUT" : "GET");
    if (duration != null) {
      body.put("duration", duration);
    }
    return body.toString();
  }

  private List<Deployment> operators() {
    try {
      return client().apps().deployments().inAnyNamespace().withLabel("app.kubernetes.io/name", "wasabi-operator")
          .list().getItems();
    } catch (KubernetesClientException e) {
      if (signingUrl == null) {
        throw CliException.error("cannot list Deployments to find the operator: " + answer(e));
      }
      return List.of();
    }
  }

  private String token(String namespace, String forAudience) {
    String[] parts = serviceAccount.split("/", 2);
    String accountNamespace = parts.length == 2 ? parts[0] : namespace;
    String name = parts.length == 2 ? parts[1] : parts[0];
    try {
      return client().serviceAccounts().inNamespace(accountNamespace).withName(name).tokenRequest(
          new TokenRequestBuilder().withNewSpec().withAudiences(forAudience).withExpirationSeconds(TOKEN_SECONDS)
              .endSpec().build()).getStatus().getToken();
    } catch (KubernetesClientException e) {
      throw CliException.error("cannot get a token for serviceaccount " + accountNamespace + "/" + name + ": "
          + answer(e));
    }
  }

  private String ca(SigningEndpoint endpoint) {
    ConfigMap map;
    try {
      map = client().configMaps().inNamespace(endpoint.namespace()).withName(endpoint.caConfigMap()).get();
    } catch (KubernetesClientException e) {
      throw CliException.error("cannot read the signing CA (configmap " + endpoint.namespace() + "/"
          + endpoint.caConfigMap() + "): " + answer(e));
    }
    if (map == null || map.getData() == null || map.getData().get("ca.crt") == null) {
      throw CliException.error("the signing CA is not published yet (configmap " + endpoint.namespace() + "/"
          + endpoint.caConfigMap() + ")");
    }
    return map.getData().get("ca.crt");
  }

  private String readCaFile() {
    try {
      return java.nio.file.Files.readString(caFile, java.nio.charset.StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw CliException.error("cannot read --ca-file " + caFile + ": " + e.getClass().getSimpleName());
    }
  }

  private static Map<String, String> labels(WasabiStorageIntegration integration) {
    return Objects.requireNonNullElse(integration.getMetadata().getLabels(), Map.of());
  }
}

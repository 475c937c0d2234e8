package io.wasabioperator.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.wasabioperator.api.HttpMethod;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.sandbox.api.KubectlApi;
import io.wasabioperator.secrets.SecretData;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Shows what happens, as it happens: each resource's conditions (like kubectl get with the printer
 * columns), the events, the rendered bucket policy, and every signed URL fetched over HTTP. The URL
 * itself is never printed: it is a bearer credential.
 */
final class SandboxConsole implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final KubernetesClient client;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService fetcher = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "sandbox-fetch");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, String> shown = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final Consumer<FetchResult> fetched;

  SandboxConsole(KubernetesClient client, PrintStream out, Consumer<FetchResult> fetched) {
    this.client = client;
    this.out = out;
    this.fetched = fetched;
  }

  void start() {
    informers.add(client.resources(WasabiStorageIntegration.class).inAnyNamespace().inform(onChange(this::integration)));
    informers.add(client.resources(SignedUrlRequest.class).inAnyNamespace().inform(onChange(this::request)));
    informers.add(client.resources(Event.class).inAnyNamespace().inform(onChange(this::event)));
  }

  private void integration(WasabiStorageIntegration wsi) {
    var status = wsi.getStatus();
    if (status == null) {
      return;
    }
    String id = "wsi/" + wsi.getMetadata().getNamespace() + "/" + wsi.getMetadata().getName();
    Condition ready = condition(status.getConditions(), "Ready");
    String line = String.format("%-36s bucket=%s region=%s mode=%s  Ready=%s %s: %s", id, wsi.getSpec().getBucket(),
        wsi.getSpec().getRegion(), wsi.getSpec().getMode(), ready.getStatus(), ready.getReason(), ready.getMessage());
    if (showOnce(id, line)) {
      print(line);
      if (status.getBucketPolicy() != null && showOnce(id + "/policy", status.getBucketPolicy())) {
        print("%-36s bucket policy for the bucket owner: %s", id, status.getBucketPolicy());
      }
    }
  }

  private void request(SignedUrlRequest request) {
    var status = request.getStatus();
    if (status == null) {
      return;
    }
    String id = "sur/" + request.getMetadata().getNamespace() + "/" + request.getMetadata().getName();
    Condition ready = condition(status.getConditions(), "Ready");
    Condition issuing = condition(status.getConditions(), "Issuing");
    HttpMethod method = request.getSpec().getMethod() == null ? HttpMethod.GET : request.getSpec().getMethod();
    String line = String.format("%-36s %s %s  Ready=%s %s  Issuing=%s %s%s%s", id, method,
        request.getSpec().getKey(), ready.getStatus(), ready.getReason(), issuing.getStatus(), issuing.getReason(),
        status.getRevision() == null ? "" : "  revision=" + status.getRevision(),
        status.getNotAfter() == null ? "" : " expires=" + status.getNotAfter());
    if (showOnce(id, line)) {
      print(line);
      if ("True".equals(ready.getStatus()) && showOnce(id + "/revision", String.valueOf(status.getRevision()))) {
        fetcher.submit(() -> fetch(request, method, id));
      }
    }
  }

  private void event(Event event) {
    if (event.getRegarding() == null || !"wasabi-operator".equals(event.getReportingController())) {
      return;
    }
    print("%-36s event %s %s: %s", "event/" + event.getRegarding().getNamespace() + "/"
        + event.getRegarding().getName(), event.getType(), event.getReason(), event.getNote());
  }

  /** A write through the API by a client such as kubectl: {@code kubectl apply: created wsi/demo/x}. */
  void clientWrite(KubectlApi.ClientWrite write) {
    print("%s: %s %s", write.client(), write.verb(), write.object());
  }

  /** Uses the URL from the Secret the way a workload would, and reports the HTTP answer. */
  private void fetch(SignedUrlRequest request, HttpMethod method, String id) {
    String secretName = request.getStatus().getSecretName();
    Secret secret = client.secrets().inNamespace(request.getMetadata().getNamespace()).withName(secretName).get();
    String url = secret == null ? null : SecretData.read(secret, "url").orElse(null);
    if (url == null) {
      return;
    }
    try {
      HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
      if (method == HttpMethod.PUT) {
        String type = Objects.requireNonNullElse(request.getSpec().getContentType(), "application/octet-stream");
        call.header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofString("uploaded from the sandbox at "
            + now() + "\n", StandardCharsets.UTF_8));
      }
      HttpResponse<byte[]> response = http.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
      print("%-36s %s with the URL from Secret %s -> HTTP %d, %d bytes", id, method, secretName,
          response.statusCode(), response.body().length);
      SecretData.read(secret, "urls.json").ifPresent(json -> fetchAll(id, secretName, json));
      fetched.accept(new FetchResult(id, method, response.statusCode(), response.body().length));
    } catch (Exception e) {
      print("%-36s %s failed: %s", id, method, e.getClass().getSimpleName());
    }
  }

  /** A MIRAX slide: every companion file has its own URL in urls.json. */
  private void fetchAll(String id, String secretName, String json) {
    try {
      Map<String, String> urls = JSON.readValue(json, new TypeReference<Map<String, String>>() { });
      int ok = 0;
      long bytes = 0;
      for (String url : urls.values()) {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        ok += response.statusCode() == 200 ? 1 : 0;
        bytes += response.body().length;
      }
      print("%-36s GET every URL in urls.json of Secret %s -> %d of %d HTTP 200, %d bytes", id, secretName, ok,
          urls.size(), bytes);
    } catch (Exception e) {
      print("%-36s fetching urls.json failed: %s", id, e.getClass().getSimpleName());
    }
  }

  private boolean showOnce(String key, String value) {
    return !value.equals(shown.put(key, value));
  }

  private static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElse(new Condition(null, "", null, "-", "Unknown", type));
  }

  private void print(String format, Object... args) {
    print(String.format(format, args));
  }

  private void print(String line) {
    out.println(now() + "  " + line);
  }

  /** hh:mm:ss, also on the full minute. */
  private static String now() {
    return LocalTime.now().format(TIME);
  }

  private static <T> ResourceEventHandler<T> onChange(Consumer<T> show) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        show.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        show.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    fetcher.shutdownNow();
  }

  /** One use of a signed URL, for tests and the summary. */
  record FetchResult(String resource, HttpMethod method, int status, int bytes) {}
}

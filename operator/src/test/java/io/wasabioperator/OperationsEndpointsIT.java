package io.wasabioperator;

import static io.wasabioperator.testsupport.Resources.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wasabioperator.api.AccessMode;
import io.wasabioperator.api.SignedUrlRequest;
import io.wasabioperator.api.SignedUrlRequestSpec;
import io.wasabioperator.api.WasabiStorageIntegration;
import io.wasabioperator.config.OperatorConfig;
import io.wasabioperator.testsupport.LocalTenancy;
import io.wasabioperator.testsupport.OperatorClient;
import io.wasabioperator.testsupport.RecordedApiServer;
import io.wasabioperator.testsupport.Resources;
import io.wasabioperator.testsupport.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health and metrics, read over HTTP the way the kubelet and Prometheus read them. */
@RecordedApiServer
public class OperationsEndpointsIT {
  /** Where the end-to-end suites keep what the operator exported, for the install tests. */
  public static final Path SCRAPE = Path.of("target", "metrics", "operator-metrics.txt");

  static KubernetesClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthAndMetricsDescribeWhatTheOperatorDid() throws Exception {
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("metrics-bucket");
      s3.putObject("metrics-bucket", "a.jpg", new byte[] {1, 2, 3});
      client.resource(credentials("ops", "keys", S3TestServer.READ_WRITE)).create();
      OperatorConfig config = LocalTenancy.operatorConfig(Map.of(OperatorConfig.ALLOW_HTTP_ENDPOINTS, "true",
          OperatorConfig.PLATFORM_CREDENTIALS_SECRET, "ops/keys"));
      KubernetesClient operatorClient = OperatorClient.of(client);
      WasabiOperator operator = new WasabiOperator(operatorClient, config, Clock.systemUTC());
      try (HealthServer health = new HealthServer(0, operator::live, operator::ready);
           MetricsServer metrics = new MetricsServer(0, operator.metrics())) {
        assertThat(get(health.port(), "/healthz").statusCode()).as("not live before start").isEqualTo(503);
        assertThat(get(health.port(), "/readyz").statusCode()).as("not ready before start").isEqualTo(503);
        operator.start();
        assertThat(get(health.port(), "/healthz").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(health.port(), "/readyz").statusCode() == 200);

        WasabiStorageIntegration integration = Resources.integration("ops", "store", "metrics-bucket",
            AccessMode.ReadWrite);
        integration.getSpec().setEndpoint(s3.endpoint().toString());
        client.resource(integration).create();
        SignedUrlRequest request = new SignedUrlRequest();
        request.setMetadata(new ObjectMetaBuilder().withNamespace("ops").withName("url").build());
        request.setSpec(new SignedUrlRequestSpec());
        request.getSpec().setIntegrationRef(Resources.integrationRef("store"));
        request.getSpec().setKey("a.jpg");
        client.resource(request).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
          String body = get(metrics.port(), "/metrics").body();
          return body.contains("wasabi_operator_urls_issued_total")
              && !body.contains("wasabi_operator_url_earliest_expiry_seconds NaN");
        });
        String scraped = get(metrics.port(), "/metrics").body();
        assertThat(scraped)
            .contains("wasabi_operator_probe_results_total{reason=\"AccessVerified\"}")
            .contains("wasabi_operator_urls_issued_total{reason=\"SpecChanged\"} 1.0")
            .contains("wasabi_operator_s3_call_seconds_count{operation=\"PutObject\",outcome=\"success\"}")
            .contains("operator_sdk_reconciliations_executions");
        Matcher expiry = Pattern.compile("wasabi_operator_url_earliest_expiry_seconds ([0-9.E]+)").matcher(scraped);
        assertThat(expiry.find()).as(scraped).isTrue();
        assertThat(Double.parseDouble(expiry.group(1))).isBetween(4 * 3600 - 60.0, 4 * 3600.0);
        assertThat(scraped).as("no per-resource series").doesNotContain("url\"").doesNotContain("name=\"store\"");
        assertThat(scraped).contains("wasabi_operator_urls_renewal_overdue 0.0")
            .contains("wasabi_operator_integrations_not_ready 0.0");
        // A renewal asked for, so that the renewal counter exists too.
        client.resources(SignedUrlRequest.class).inNamespace("ops").withName("url").edit(r -> {
          r.getMetadata().setAnnotations(Map.of(SignedUrlRequest.RENEW_REQUESTED_AT, "now"));
          return r;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> get(metrics.port(), "/metrics").body()
            .contains("wasabi_operator_urls_renewed_total{reason=\"ManuallyTriggered\"} 1.0"));
        // What the chart's alerts and dashboard may query: install-tests check them against this scrape.
        Files.createDirectories(SCRAPE.getParent());
        Files.writeString(SCRAPE, get(metrics.port(), "/metrics").body());
      } finally {
        operator.close();
        operatorClient.close();
      }
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

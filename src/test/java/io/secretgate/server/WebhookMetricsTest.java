package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.tls.ReloadableKeyManager;
import io.secretgate.tls.SslContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each admission request moves secretgate_webhook_requests_total{path,outcome} and the latency histogram of its path. */
class WebhookMetricsTest {
  static final String VALIDATE = "/validate/externalsecret";
  static final String BROKEN = "/validate/broken";
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final HttpClient client = TestTls.client();
  WebhookServer server;

  @BeforeEach
  void start() {
    server = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1", SslContexts.server(new ReloadableKeyManager(TestTls.leaf())),
        Map.of(VALIDATE, WebhookFixtures.admission(AdmissionSettings.DEFAULTS)::answer, BROKEN, (body, timeout) -> {
          throw new IllegalStateException("a handler bug");
        }), new HealthChecks(), 8, WebhookMetrics.on(registry, List.of(VALIDATE, BROKEN))));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  int post(String path, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  double value(String series) {
    return registry.scrape().lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst().orElse(Double.NaN);
  }

  static String requests(String path, String outcome) {
    return "secretgate_webhook_requests_total{outcome=\"" + outcome + "\",path=\"" + path + "\"}";
  }

  @Test
  void allowed_denied_bad_and_failed_requests_are_counted_by_path_and_outcome_and_timed() throws Exception {
    assertThat(value(requests(VALIDATE, "allowed"))).isZero();

    post(VALIDATE, WebhookFixtures.request("create-v1-allowed.json"));
    post(VALIDATE, WebhookFixtures.request("create-v1-allowed.json"));
    post(VALIDATE, WebhookFixtures.request("create-v1-denied-path.json"));
    assertThat(post(VALIDATE, "not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);
    assertThat(post(BROKEN, "{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);

    assertThat(value(requests(VALIDATE, "allowed"))).isEqualTo(2.0);
    assertThat(value(requests(VALIDATE, "denied"))).isEqualTo(1.0);
    assertThat(value(requests(VALIDATE, "bad_request"))).isEqualTo(1.0);
    assertThat(value(requests(VALIDATE, "error"))).isZero();
    assertThat(value(requests(BROKEN, "error"))).isEqualTo(1.0);
    assertThat(value("secretgate_webhook_request_seconds_count{path=\"" + VALIDATE + "\"}")).isEqualTo(4.0);
    assertThat(value("secretgate_webhook_request_seconds_bucket{path=\"" + VALIDATE + "\",le=\"+Inf\"}")).isEqualTo(4.0);
    assertThat(value("secretgate_webhook_request_seconds_sum{path=\"" + VALIDATE + "\"}")).isPositive();
  }
}

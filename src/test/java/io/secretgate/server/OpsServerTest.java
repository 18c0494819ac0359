package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secretgate.sync.SyncMetrics;
import io.secretgate.sync.VaultOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operations server on a free port, called with a real HTTP client. */
class OpsServerTest {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final HealthChecks checks = new HealthChecks();
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final AtomicBoolean informersSynced = new AtomicBoolean(false);
  final AtomicBoolean leaderKnown = new AtomicBoolean(false);
  final AtomicBoolean alive = new AtomicBoolean(true);
  OpsServer server;

  @BeforeEach
  void start() {
    checks.liveness("leader-election", alive::get);
    checks.readiness("informers", informersSynced::get).readiness("leader-election", leaderKnown::get);
    server = OpsServer.start(0, checks, registry::scrape);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(5)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void it_listens_on_a_free_port_when_given_port_0() {
    assertThat(server.port()).isPositive();
  }

  @Test
  void healthz_is_200_ok_while_every_component_is_alive() throws Exception {
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
  }

  @Test
  void healthz_is_503_naming_the_component_that_died() throws Exception {
    alive.set(false);
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("[-]leader-election failed\nhealthz check failed\n");
  }

  @Test
  void readyz_is_503_listing_the_failing_checks_until_all_pass_then_200() throws Exception {
    HttpResponse<String> r = get("/readyz");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("[-]informers failed\n[-]leader-election failed\nreadyz check failed\n");

    leaderKnown.set(true);
    r = get("/readyz");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("[-]informers failed\nreadyz check failed\n");

    informersSynced.set(true);
    r = get("/readyz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");

    informersSynced.set(false);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void a_check_that_throws_counts_as_failing() throws Exception {
    checks.readiness("broken", () -> {
      throw new IllegalStateException("boom");
    });
    informersSynced.set(true);
    leaderKnown.set(true);
    HttpResponse<String> r = get("/readyz");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("[-]broken failed\nreadyz check failed\n");
  }

  @Test
  void metrics_is_prometheus_text_with_esos_exact_names_and_labels() throws Exception {
    SyncMetrics metrics = new SyncMetrics(registry);
    metrics.syncCall("payments", "db-credentials");
    metrics.syncError("payments", "db-credentials");
    metrics.readyCondition("payments", "db-credentials", false);
    metrics.reconcileDuration("payments", "db-credentials", Duration.ofNanos(1500));
    metrics.vaultCall(SyncMetrics.READ_SECRET_DATA, VaultOutcome.PERMISSION_DENIED, Duration.ofMillis(4));

    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body().lines()).contains(
        "externalsecret_sync_calls_total{name=\"db-credentials\",namespace=\"payments\"} 1.0",
        "externalsecret_sync_calls_error{name=\"db-credentials\",namespace=\"payments\"} 1.0",
        "externalsecret_status_condition{condition=\"Ready\",name=\"db-credentials\",namespace=\"payments\",status=\"False\"} 1.0",
        "externalsecret_status_condition{condition=\"Ready\",name=\"db-credentials\",namespace=\"payments\",status=\"True\"} 0.0",
        "externalsecret_reconcile_duration{name=\"db-credentials\",namespace=\"payments\"} 1500.0",
        "externalsecret_provider_api_calls_count{call=\"ReadSecretData\",provider=\"HashiCorp/Vault\",status=\"error\"} 1.0",
        "secretgate_vault_requests_total{call=\"ReadSecretData\",outcome=\"permission_denied\"} 1.0",
        "secretgate_workqueue_depth 0.0");
  }

  @Test
  void an_unknown_path_is_404() throws Exception {
    assertThat(get("/validate").statusCode()).isEqualTo(404);
  }

  @Test
  void a_check_name_is_added_once() {
    assertThatThrownBy(() -> checks.readiness("informers", () -> true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("check already added: informers");
  }
}

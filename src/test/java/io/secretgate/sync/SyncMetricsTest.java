package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secretgate.api.StoreKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Prometheus text comes out under ESO's exact names and labels (eso-facts.md §4.6). */
class SyncMetricsTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final SyncMetrics metrics = new SyncMetrics(registry);

  List<String> lines() {
    return registry.scrape().lines().toList();
  }

  @Test
  void sync_calls_come_out_as_externalsecret_sync_calls_total_by_name_and_namespace() {
    metrics.syncCall("payments", "db-credentials");
    metrics.syncCall("payments", "db-credentials");
    assertThat(lines()).contains(
        "# TYPE externalsecret_sync_calls_total counter",
        "externalsecret_sync_calls_total{name=\"db-credentials\",namespace=\"payments\"} 2.0");
  }

  @Test
  void sync_errors_come_out_as_externalsecret_sync_calls_error_without_a_total_suffix() {
    metrics.syncError("payments", "db-credentials");
    metrics.syncError("payments", "db-credentials");
    metrics.syncError("payments", "db-credentials");
    assertThat(lines())
        .contains("externalsecret_sync_calls_error{name=\"db-credentials\",namespace=\"payments\"} 3.0")
        .noneMatch(l -> l.startsWith("externalsecret_sync_calls_error_total"));
  }

  @Test
  void the_ready_condition_is_1_on_the_current_status_and_0_on_the_opposite_one() {
    metrics.readyCondition("shop", "api", true);
    assertThat(lines()).contains(
        "externalsecret_status_condition{condition=\"Ready\",name=\"api\",namespace=\"shop\",status=\"True\"} 1.0",
        "externalsecret_status_condition{condition=\"Ready\",name=\"api\",namespace=\"shop\",status=\"False\"} 0.0");
    metrics.readyCondition("shop", "api", false);
    assertThat(lines()).contains(
        "externalsecret_status_condition{condition=\"Ready\",name=\"api\",namespace=\"shop\",status=\"True\"} 0.0",
        "externalsecret_status_condition{condition=\"Ready\",name=\"api\",namespace=\"shop\",status=\"False\"} 1.0");
  }

  @Test
  void the_reconcile_duration_is_a_gauge_in_nanoseconds() {
    metrics.reconcileDuration("shop", "api", Duration.ofMillis(12));
    assertThat(lines()).contains(
        "# TYPE externalsecret_reconcile_duration gauge",
        "externalsecret_reconcile_duration{name=\"api\",namespace=\"shop\"} 1.2E7");
  }

  @Test
  void vault_calls_count_under_eso_provider_labels_and_under_ours_with_latency() {
    metrics.vaultCall(SyncMetrics.READ_SECRET_DATA, VaultOutcome.SUCCESS, Duration.ofMillis(7));
    metrics.vaultCall(SyncMetrics.READ_SECRET_DATA, VaultOutcome.NOT_FOUND, Duration.ofMillis(3));
    metrics.vaultCall(SyncMetrics.READ_SECRET_DATA, VaultOutcome.UNAVAILABLE, Duration.ofSeconds(2));

    assertThat(lines()).contains(
        "externalsecret_provider_api_calls_count{call=\"ReadSecretData\",provider=\"HashiCorp/Vault\",status=\"success\"} 2.0",
        "externalsecret_provider_api_calls_count{call=\"ReadSecretData\",provider=\"HashiCorp/Vault\",status=\"error\"} 1.0",
        "# TYPE secretgate_vault_requests_total counter",
        "secretgate_vault_requests_total{call=\"ReadSecretData\",outcome=\"success\"} 1.0",
        "secretgate_vault_requests_total{call=\"ReadSecretData\",outcome=\"not_found\"} 1.0",
        "secretgate_vault_requests_total{call=\"ReadSecretData\",outcome=\"unavailable\"} 1.0",
        "# TYPE secretgate_vault_request_seconds histogram",
        "secretgate_vault_request_seconds_bucket{call=\"ReadSecretData\",outcome=\"success\",le=\"0.005\"} 0",
        "secretgate_vault_request_seconds_bucket{call=\"ReadSecretData\",outcome=\"success\",le=\"0.01\"} 1",
        "secretgate_vault_request_seconds_count{call=\"ReadSecretData\",outcome=\"unavailable\"} 1",
        "secretgate_vault_request_seconds_sum{call=\"ReadSecretData\",outcome=\"unavailable\"} 2.0")
        .noneMatch(l -> l.startsWith("externalsecret_provider_api_calls_count_total"));
  }

  @Test
  void the_work_queue_depth_is_read_from_the_bound_queue_at_scrape_time() {
    assertThat(lines()).contains("secretgate_workqueue_depth 0.0");
    int[] depth = {4};
    metrics.bindWorkQueueDepth(() -> depth[0]);
    assertThat(lines()).contains("secretgate_workqueue_depth 4.0");
    depth[0] = 1;
    assertThat(lines()).contains("secretgate_workqueue_depth 1.0");
  }

  @Test
  void rotation_figures_come_out_under_the_counter_names_the_readme_lists() {
    metrics.tokenRotation();
    metrics.tokenExpiryWarning();
    metrics.valueChange();
    metrics.valueChange();
    metrics.workloadRestart("Deployment");
    metrics.workloadRestart("StatefulSet");

    assertThat(lines()).contains(
        "# TYPE secretgate_token_rotations_total counter",
        "secretgate_token_rotations_total 1.0",
        "# TYPE secretgate_token_expiry_warnings_total counter",
        "secretgate_token_expiry_warnings_total 1.0",
        "# TYPE secretgate_secret_value_changes_total counter",
        "secretgate_secret_value_changes_total 2.0",
        "# TYPE secretgate_workload_restarts_total counter",
        "secretgate_workload_restarts_total{kind=\"Deployment\"} 1.0",
        "secretgate_workload_restarts_total{kind=\"StatefulSet\"} 1.0");
  }

  @Test
  void a_deleted_external_secret_loses_all_its_series_and_others_keep_theirs() {
    for (String name : List.of("gone", "kept")) {
      metrics.syncCall("shop", name);
      metrics.syncError("shop", name);
      metrics.readyCondition("shop", name, false);
      metrics.reconcileDuration("shop", name, Duration.ofMillis(1));
    }

    metrics.removeExternalSecret("shop", "gone");

    assertThat(lines()).noneMatch(l -> l.contains("name=\"gone\""));
    assertThat(lines().stream().filter(l -> l.contains("name=\"kept\""))).hasSize(5);
    metrics.syncError("shop", "gone");
    assertThat(lines()).contains("externalsecret_sync_calls_error{name=\"gone\",namespace=\"shop\"} 1.0");
  }

  @Test
  void store_readiness_comes_out_under_esos_store_gauges_a_cluster_store_by_name_alone_and_goes_with_the_store() {
    metrics.storeReadyCondition(StoreKind.ClusterSecretStore, null, "vault-backend", false);
    metrics.storeReadyCondition(StoreKind.SecretStore, "payments", "team-vault", true);

    assertThat(lines()).contains(
        "# TYPE clustersecretstore_status_condition gauge",
        "clustersecretstore_status_condition{condition=\"Ready\",name=\"vault-backend\",status=\"False\"} 1.0",
        "clustersecretstore_status_condition{condition=\"Ready\",name=\"vault-backend\",status=\"True\"} 0.0",
        "# TYPE secretstore_status_condition gauge",
        "secretstore_status_condition{condition=\"Ready\",name=\"team-vault\",namespace=\"payments\",status=\"True\"} 1.0",
        "secretstore_status_condition{condition=\"Ready\",name=\"team-vault\",namespace=\"payments\",status=\"False\"} 0.0");

    metrics.removeStore(StoreKind.ClusterSecretStore, null, "vault-backend");
    assertThat(lines()).noneMatch(l -> l.startsWith("clustersecretstore_status_condition{"))
        .anyMatch(l -> l.startsWith("secretstore_status_condition{"));
    metrics.removeAllObjects();
    assertThat(lines()).noneMatch(l -> l.startsWith("secretstore_status_condition{"));
  }
}

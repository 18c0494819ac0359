package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.SecretStore;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.StoreFixtures;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ESO's store readiness gauges ({@code clustersecretstore_status_condition},
 * {@code secretstore_status_condition}), on which ESO users alert when a store stops working, end to
 * end on the mock API server (CRUD) and FakeVault.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class StoreMetricsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void aClusterStoreAndATeamStore() throws Exception {
    var policies = List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl")));
    vault = new FakeVault().mountV2("secret").token("s.a", new FakeVault.TokenInfo(policies, 0)).token("s.b", new FakeVault.TokenInfo(policies, 0));
    RotationFixtures.cluster(client, vault.address(), "s.a");
    RotationFixtures.teamStore(client, vault.address(), "s.b");
    controller = TestControllers.started(client, new SyncMetrics(registry), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void each_store_reports_its_ready_condition_under_esos_gauge_follows_it_and_loses_its_series_when_deleted() {
    await().atMost(WAIT).until(() -> gauge("clustersecretstore_status_condition", "vault-backend", "True"), v -> v != null && v == 1.0);
    assertThat(gauge("clustersecretstore_status_condition", "vault-backend", "False")).isZero();
    assertThat(registry.find("clustersecretstore_status_condition").meters()).allSatisfy(m -> assertThat(m.getId().getTag("namespace")).isNull());
    await().atMost(WAIT).until(() -> gauge("secretstore_status_condition", "team-vault", "True"), v -> v != null && v == 1.0);
    assertThat(registry.find("secretstore_status_condition").tag("namespace", "payments").meters()).hasSize(2);

    vault.sealed(true);
    StoreFixtures.touchSpec(client, "vault-backend");
    await().atMost(WAIT).until(() -> gauge("clustersecretstore_status_condition", "vault-backend", "False"), v -> v != null && v == 1.0);
    assertThat(gauge("clustersecretstore_status_condition", "vault-backend", "True")).isZero();

    client.resources(ClusterSecretStore.class).withName("vault-backend").delete();
    client.resources(SecretStore.class).inNamespace("payments").withName("team-vault").delete();
    await().atMost(WAIT).until(() -> registry.find("clustersecretstore_status_condition").meters().isEmpty()
        && registry.find("secretstore_status_condition").meters().isEmpty());
  }

  private Double gauge(String metric, String name, String status) {
    Gauge g = registry.find(metric).tag("name", name).tag("condition", "Ready").tag("status", status).gauge();
    return g == null ? null : g.value();
  }

  @Test
  void a_deleted_store_leaves_no_vault_client_behind() {
    await().atMost(WAIT).until(controller::vaultClients, n -> n == 2);

    client.resources(ClusterSecretStore.class).withName("vault-backend").delete();
    await().atMost(WAIT).until(controller::vaultClients, n -> n == 1);
    client.resources(SecretStore.class).inNamespace("payments").withName("team-vault").delete();
    await().atMost(WAIT).until(controller::vaultClients, n -> n == 0);
  }
}

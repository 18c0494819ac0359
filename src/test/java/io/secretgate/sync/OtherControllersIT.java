package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * ExternalSecrets of another controller: their stores have another provider (aws, gcp, ...; DESIGN.md:
 * "ignored by the controller") or another controller class in {@code spec.controller} (ESO's class is
 * {@code default}; eso-facts §2.1, §4.1 step 2), end to end on the mock API server (CRUD) and FakeVault.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class OtherControllersIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final Map<String, Integer> runs = new ConcurrentHashMap<>();
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void clusterWithStoresOfOtherControllersBesideTheVaultOne() throws Exception {
    vault = RotationFixtures.clusterWithPaymentsVault(client);
    client.resources(ClusterSecretStore.class).resource(fixture("aws-store.yaml", ClusterSecretStore.class)).create();
    client.resources(ClusterSecretStore.class).resource(fixture("legacy-store.yaml", ClusterSecretStore.class)).create();
    controller = TestControllers.started(client, new SyncMetrics(registry), sync -> key -> {
      SyncResult result = sync.run(key);
      runs.merge(key, 1, Integer::sum);
      return result;
    });
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void an_externalsecret_of_an_aws_store_is_left_to_its_controller_with_no_status_event_or_secret_written() {
    client.resources(ExternalSecret.class).resource(fixture("aws-external-secret.yaml", ExternalSecret.class)).create();

    await().atMost(WAIT).until(() -> runs.getOrDefault("payments/aws-db", 0) >= 1);

    assertUntouched("aws-db");
  }

  @Test
  void a_vault_store_of_another_controller_class_and_its_externalsecrets_are_left_to_that_controller() {
    client.resources(ExternalSecret.class).resource(fixture("legacy-external-secret.yaml", ExternalSecret.class)).create();
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("ours", "1h", "apps/payments/db")).create();

    await().atMost(WAIT).until(() -> runs.getOrDefault("payments/legacy-db", 0) >= 1 && client.secrets().inNamespace("payments").withName("ours").get() != null);

    assertUntouched("legacy-db");
    ClusterSecretStore store = client.resources(ClusterSecretStore.class).withName("legacy-vault").get();
    assertThat(store.getStatus() == null ? null : store.getStatus().conditions).as("the store's status conditions").isNullOrEmpty();
    assertThat(registry.find(SyncMetrics.CLUSTERSECRETSTORE_CONDITION).tag("name", "legacy-vault").meters()).isEmpty();
  }

  private void assertUntouched(String name) {
    await().atMost(WAIT).until(controller::idle); // any Event its syncs recorded is written by now
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    assertThat(es.getStatus() == null ? null : es.getStatus().conditions).as("status conditions").isNullOrEmpty();
    assertThat(client.v1().events().inNamespace("payments").list().getItems()).as("events")
        .noneMatch(e -> name.equals(e.getInvolvedObject().getName()));
    assertThat(client.secrets().inNamespace("payments").withName(name).get()).isNull();
    assertThat(registry.find(SyncMetrics.STATUS_CONDITION).tag("name", name).meters()).as("ESO's series of it, which its own controller reports").isEmpty();
    assertThat(registry.find(SyncMetrics.SYNC_CALLS).tag("name", name).meters()).isEmpty();
  }

  private <T> T fixture(String file, Class<T> type) {
    String text = new String(readAll(getClass().getResourceAsStream("other-controllers/" + file)), StandardCharsets.UTF_8);
    return YAML.readValue(text.replace("SERVER", vault.address().toString()), type);
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * ExternalSecrets whose stores have another provider (aws, gcp, ...) belong to another controller
 * (DESIGN.md: "ignored by the controller"), end to end on the mock API server (CRUD) and FakeVault.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class OtherProvidersIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicInteger awsRuns = new AtomicInteger();
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void clusterWithAnAwsStoreBesideTheVaultOne() throws Exception {
    vault = RotationFixtures.clusterWithPaymentsVault(client);
    client.resources(ClusterSecretStore.class).resource(YAML.readValue(getClass().getResourceAsStream("other-providers/aws-store.yaml"),
        ClusterSecretStore.class)).create();
    controller = TestControllers.started(client, new SyncMetrics(registry), sync -> key -> {
      SyncResult result = sync.run(key);
      if (key.equals("payments/aws-db")) awsRuns.incrementAndGet();
      return result;
    });
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void an_externalsecret_of_an_aws_store_is_left_to_its_controller_with_no_status_event_or_secret_written() {
    client.resources(ExternalSecret.class).resource(YAML.readValue(getClass().getResourceAsStream("other-providers/aws-external-secret.yaml"),
        ExternalSecret.class)).create();

    await().atMost(WAIT).until(() -> awsRuns.get() >= 1);

    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName("aws-db").get();
    assertThat(es.getStatus() == null ? null : es.getStatus().conditions).as("status conditions").isNullOrEmpty();
    assertThat(client.v1().events().inNamespace("payments").list().getItems()).as("events")
        .noneMatch(e -> "aws-db".equals(e.getInvolvedObject().getName()));
    assertThat(client.secrets().inNamespace("payments").withName("aws-db").get()).isNull();
    assertThat(registry.find(SyncMetrics.STATUS_CONDITION).tag("name", "aws-db").meters()).as("ESO's series of it, which its own controller reports").isEmpty();
    assertThat(registry.find(SyncMetrics.SYNC_CALLS).tag("name", "aws-db").meters()).isEmpty();
  }
}

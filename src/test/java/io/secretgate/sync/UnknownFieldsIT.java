package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.RotationSettings;
import io.secretgate.kube.CleanupFinalizer;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ExternalSecrets carrying fields secretgate does not model, as a newer ESO CRD installed beside
 * secretgate lets users write: they are synced like any other, they do not stop the sync of the
 * others, and writing the clean-up finalizer keeps those fields.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class UnknownFieldsIT {
  static final Duration WAIT = PatientMockClient.WAIT;
  static KubernetesMockServer server;
  static KubernetesClient client;
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void cluster() throws Exception {
    vault = RotationFixtures.clusterWithPaymentsVault(client);
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  @SuppressWarnings("unchecked")
  void an_external_secret_with_fields_from_a_newer_eso_is_synced_and_keeps_them_when_its_finalizer_is_written() {
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("db-known", "1h", "apps/payments/db")).create();
    GenericKubernetesResource future = client.getKubernetesSerialization()
        .convertValue(RotationFixtures.externalSecret("db-future", "1h", "apps/payments/db"), GenericKubernetesResource.class);
    Map<String, Object> spec = (Map<String, Object>) future.getAdditionalProperties().get("spec");
    spec.put("someFutureField", "kept");
    ((Map<String, Object>) spec.computeIfAbsent("target", k -> new LinkedHashMap<>())).putAll(Map.of("creationPolicy", "CreateOrMerge", "deletionPolicy", "Merge", "futureTargetOption", true));
    ((Map<String, Object>) ((List<Map<String, Object>>) spec.get("dataFrom")).get(0).get("extract")).put("futureExtractOption", "x");
    generic().resource(future).create();

    controller = TestControllers.started(client, 2, new RotationSettings(false, Duration.ZERO), new SyncMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC(), WAIT);

    await().atMost(WAIT).until(() -> ready("db-known") && ready("db-future"));
    await().atMost(WAIT).until(() -> generic().withName("db-future").get().getMetadata().getFinalizers().contains(CleanupFinalizer.NAME));
    GenericKubernetesResource stored = generic().withName("db-future").get();
    Map<String, Object> storedSpec = (Map<String, Object>) stored.getAdditionalProperties().get("spec");
    assertThat(storedSpec).containsEntry("someFutureField", "kept");
    assertThat((Map<String, Object>) storedSpec.get("target")).containsEntry("futureTargetOption", true);
    assertThat(((List<Map<String, Object>>) storedSpec.get("dataFrom")).get(0).get("extract").toString()).contains("futureExtractOption=x");
    assertThat(client.secrets().inNamespace("payments").withName("db-future").get()).isNotNull();
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> generic() {
    return client.genericKubernetesResources("external-secrets.io/v1", "ExternalSecret").inNamespace("payments");
  }

  @SuppressWarnings("unchecked")
  private boolean ready(String name) {
    GenericKubernetesResource es = generic().withName(name).get();
    Object status = es == null ? null : es.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) return false;
    return conditions.stream().map(c -> (Map<String, Object>) c).anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
  }
}

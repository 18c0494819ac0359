package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretStatus;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ESO's ready gauge ({@code externalsecret_status_condition}) says what the ExternalSecret's Ready
 * condition says, also after a failure that could not write that condition (ESO moves the gauge only
 * together with the condition), end to end on the mock API server (CRUD) and FakeVault.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class ReadyGaugeIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicBoolean crash = new AtomicBoolean();
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void clusterWithStoreAndVault() throws Exception {
    vault = RotationFixtures.clusterWithPaymentsVault(client);
    controller = TestControllers.started(client, new SyncMetrics(registry), sync -> key -> {
      if (key.equals("payments/crashing") && crash.get()) throw new IllegalStateException("a bug");
      return sync.run(key);
    });
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void a_finalizer_the_api_server_refuses_leaves_the_gauge_on_the_ready_condition_the_externalsecret_keeps() {
    server.expect().patch().withPath("/apis/external-secrets.io/v1/namespaces/payments/externalsecrets/merging")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("externalsecrets is forbidden").build()).always();
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("merging", "1h", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> readyStatus("merging"), "True"::equals);
    await().atMost(WAIT).until(() -> gauge("merging", "True"), v -> v != null && v == 1.0);

    // now it needs the clean-up finalizer, which RBAC does not let secretgate add
    ExternalSecret merging = client.resources(ExternalSecret.class).inNamespace("payments").withName("merging").get();
    merging.getSpec().target = new ExternalSecretTarget();
    merging.getSpec().target.creationPolicy = CreationPolicy.Merge;
    merging.getSpec().target.deletionPolicy = DeletionPolicy.Merge;
    client.resources(ExternalSecret.class).resource(merging).update(); // a PUT: PATCHes of this object are refused above
    await().atMost(WAIT).until(() -> errors("merging"), n -> n >= 2);

    assertThat(readyStatus("merging")).as("the Ready condition it keeps").isEqualTo("True");
    assertThat(gauge("merging", "True")).isEqualTo(1.0);
    assertThat(gauge("merging", "False")).isEqualTo(0.0);
  }

  @Test
  void an_externalsecret_whose_status_cannot_be_written_has_no_ready_condition_and_no_ready_gauge() {
    server.expect().put().withPath("/apis/external-secrets.io/v1/namespaces/payments/externalsecrets/status-denied/status")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("externalsecrets/status is forbidden").build()).always();
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("status-denied", "1h", "apps/payments/db")).create();

    await().atMost(WAIT).until(() -> errors("status-denied"), n -> n >= 2);

    assertThat(readyStatus("status-denied")).isNull();
    assertThat(registry.find(SyncMetrics.STATUS_CONDITION).tag("name", "status-denied").meters()).isEmpty();
  }

  @Test
  void a_sync_that_fails_unexpectedly_leaves_the_gauge_on_the_ready_condition_the_externalsecret_keeps() {
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("crashing", "1h", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> gauge("crashing", "True"), v -> v != null && v == 1.0);

    crash.set(true);
    client.resources(ExternalSecret.class).inNamespace("payments").withName("crashing").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"force-sync\":\"1\"}}}");
    await().atMost(WAIT).until(() -> errors("crashing"), n -> n >= 2);

    assertThat(readyStatus("crashing")).isEqualTo("True");
    assertThat(gauge("crashing", "True")).isEqualTo(1.0);
    assertThat(gauge("crashing", "False")).isEqualTo(0.0);
  }

  private Double gauge(String name, String status) {
    Gauge g = registry.find(SyncMetrics.STATUS_CONDITION).tags("name", name, "namespace", "payments", "condition", "Ready", "status", status).gauge();
    return g == null ? null : g.value();
  }

  private double errors(String name) {
    Gauge g = registry.find(SyncMetrics.SYNC_ERRORS).tags("name", name, "namespace", "payments").gauge();
    return g == null ? 0 : g.value();
  }

  /** The status of the Ready condition, null when there is none. */
  private String readyStatus(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    ExternalSecretStatus s = es == null ? null : es.getStatus();
    if (s == null || s.conditions == null) return null;
    return s.conditions.stream().filter(c -> "Ready".equals(c.type)).map(c -> c.status).findFirst().orElse(null);
  }
}

package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretStatus;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.testing.CapturedStderr;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a sync leaves on the ExternalSecret for each outcome of its target Secret (created, renamed,
 * not created), end to end on the mock API server (CRUD) and FakeVault.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class TargetOutcomesIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;

  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void clusterWithStoreAndVault() throws Exception {
    vault = RotationFixtures.clusterWithPaymentsVault(client);
    controller = TestControllers.started(client, new SyncMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void renaming_an_owner_target_deletes_the_old_secret_and_records_esos_normal_deleted_event() {
    client.resources(ExternalSecret.class).resource(externalSecret("db", "db-v1", CreationPolicy.Owner)).create();
    await().atMost(WAIT).until(() -> binding("db"), "db-v1"::equals);

    client.resources(ExternalSecret.class).inNamespace("payments").withName("db").edit(es -> {
      es.getSpec().target.name = "db-v2";
      return es;
    });
    await().atMost(WAIT).until(() -> binding("db"), "db-v2"::equals);
    await().atMost(WAIT).until(controller::idle); // the Events of that sync are written

    assertThat(client.secrets().inNamespace("payments").withName("db-v1").get()).isNull();
    assertThat(events("db")).filteredOn(e -> "Deleted".equals(e.getReason()))
        .singleElement().satisfies(e -> {
          assertThat(e.getType()).isEqualTo("Normal");
          assertThat(e.getMessage()).isEqualTo("secret deleted because it was orphaned");
        });
  }

  @Test
  void a_sync_that_creates_or_updates_no_secret_binds_none_as_esos_status_binding_is_set_only_on_create_or_update() {
    client.resources(ExternalSecret.class).resource(externalSecret("merge-nowhere", "absent", CreationPolicy.Merge)).create();
    client.resources(ExternalSecret.class).resource(externalSecret("none", "never-written", CreationPolicy.None)).create();

    await().atMost(WAIT).until(() -> ready("merge-nowhere"), "SecretMissing"::equals);
    await().atMost(WAIT).until(() -> ready("none"), "SecretSynced"::equals);

    assertThat(binding("merge-nowhere")).as("a Merge target that does not exist").isNull();
    assertThat(binding("none")).as("creationPolicy None writes nothing").isNull();
  }

  @Test
  void a_status_write_the_api_server_refuses_is_logged_with_its_object_and_cause_and_retried() {
    server.expect().put().withPath("/apis/external-secrets.io/v1/namespaces/payments/externalsecrets/status-denied/status")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("externalsecrets/status is forbidden").build()).always();
    try (CapturedStderr logs = new CapturedStderr()) {
      client.resources(ExternalSecret.class).resource(externalSecret("status-denied", "status-denied", CreationPolicy.Owner)).create();

      await().atMost(WAIT).until(() -> warnings(logs, "payments/status-denied").count() >= 2);
      assertThat(warnings(logs, "payments/status-denied"))
          .as("the first attempt and its retry").hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(l -> assertThat(l).contains("ExternalSecret payments/status-denied: forbidden (HTTP 403); check the RBAC"));
    }
    assertThat(client.secrets().inNamespace("payments").withName("status-denied").get()).as("the Secret was written").isNotNull();
  }

  /**
   * docs/serve.md "Logs": each sync outcome is one line (SyncLog) with kind, namespace, name, outcome and
   * reason as key-value pairs (fields in JSON logs), so a log query can select one ExternalSecret's syncs.
   */
  @Test
  void each_sync_outcome_is_one_log_line_naming_kind_namespace_name_outcome_and_reason() {
    try (CapturedStderr logs = new CapturedStderr()) {
      client.resources(ExternalSecret.class).resource(externalSecret("logged", "logged", CreationPolicy.Owner)).create();
      client.resources(ExternalSecret.class).resource(externalSecret("logged-missing", "absent", CreationPolicy.Merge)).create();
      ExternalSecret broken = RotationFixtures.externalSecret("logged-broken", "1h", "apps/payments/nothing-here");
      client.resources(ExternalSecret.class).resource(broken).create();

      await().atMost(WAIT).until(() -> syncLines(logs, "logged").findAny().isPresent()
          && syncLines(logs, "logged-missing").findAny().isPresent() && syncLines(logs, "logged-broken").findAny().isPresent());

      assertThat(syncLines(logs, "logged").findFirst().orElseThrow())
          .contains(" INFO ", "outcome=synced reason=SecretSynced duration_ms=");
      assertThat(syncLines(logs, "logged-missing").findFirst().orElseThrow())
          .contains(" INFO ", "outcome=skipped reason=SecretMissing duration_ms=");
      assertThat(syncLines(logs, "logged-broken").findFirst().orElseThrow())
          .contains(" WARN ", "outcome=failed reason=SecretSyncedError duration_ms=", " error=");
    }
  }

  private static java.util.stream.Stream<String> syncLines(CapturedStderr logs, String name) {
    return logs.text().lines().filter(l -> l.contains("kind=ExternalSecret namespace=payments name=" + name + " "));
  }

  private static java.util.stream.Stream<String> warnings(CapturedStderr logs, String about) {
    return logs.text().lines().filter(l -> l.contains(" WARN ") && l.contains(about));
  }

  @Test
  void a_write_refused_because_another_external_secret_owns_the_target_records_one_warning_event_per_sync_not_two() {
    controller.stop(Duration.ofSeconds(5));
    AtomicInteger syncsOfSecond = new AtomicInteger();
    controller = TestControllers.started(client, new SyncMetrics(new SimpleMeterRegistry()), sync -> key -> {
      SyncResult result = sync.run(key);
      if (key.equals("payments/second") && !(result instanceof SyncResult.Done)) syncsOfSecond.incrementAndGet();
      return result;
    });
    client.resources(ExternalSecret.class).resource(externalSecret("first", "shared", CreationPolicy.Owner)).create();
    await().atMost(WAIT).until(() -> binding("first"), "shared"::equals);

    client.resources(ExternalSecret.class).resource(externalSecret("second", "shared", CreationPolicy.Owner)).create();
    await().atMost(WAIT).until(() -> failedReason("second"), "SecretSyncedError"::equals);
    await().atMost(WAIT).until(controller::idle); // the Events of those syncs are written

    assertThat(syncsOfSecond.get()).isPositive();
    assertThat(events("second")).filteredOn(e -> "UpdateFailed".equals(e.getReason())).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getCount()).as("one per failed sync, not two").isEqualTo(syncsOfSecond.get());
      assertThat(e.getMessage()).contains("owned by another ExternalSecret");
    });
  }

  private String failedReason(String name) {
    ExternalSecretStatus s = status(name);
    if (s == null || s.conditions == null) return null;
    return s.conditions.stream().filter(c -> "Ready".equals(c.type) && "False".equals(c.status)).map(c -> c.reason).findFirst().orElse(null);
  }

  private ExternalSecret externalSecret(String name, String target, CreationPolicy creation) {
    ExternalSecret es = RotationFixtures.externalSecret(name, "1h", "apps/payments/db");
    es.getSpec().target = new ExternalSecretTarget();
    es.getSpec().target.name = target;
    es.getSpec().target.creationPolicy = creation;
    return es;
  }

  private ExternalSecretStatus status(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    return es == null ? null : es.getStatus();
  }

  /** The reason of the Ready condition once its status is True, else null. */
  private String ready(String name) {
    ExternalSecretStatus s = status(name);
    if (s == null || s.conditions == null) return null;
    return s.conditions.stream().filter(c -> "Ready".equals(c.type) && "True".equals(c.status)).map(c -> c.reason).findFirst().orElse(null);
  }

  private String binding(String name) {
    ExternalSecretStatus s = status(name);
    return s == null || s.binding == null ? null : s.binding.name;
  }

  private List<Event> events(String name) {
    return client.v1().events().inNamespace("payments").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
  }
}

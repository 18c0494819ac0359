package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ApiGroup;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.RotationSettings;
import io.secretgate.testing.Crds;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.MutableClock;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.StoreFixtures;
import io.secretgate.testing.TestCa;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The controller end to end on the mock API server (CRUD) and FakeVault. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SyncControllerIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Duration WAIT = PatientMockClient.WAIT;

  FakeVault vault;
  SyncController controller;
  SimpleMeterRegistry registry;

  @BeforeEach
  void clusterWithStoreAndVault() throws Exception {
    Crds.install(client);
    vault = new FakeVault().mountV2("secret")
        .put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"s3cr3t\",\"port\":5432}")
        .token("s.sync-token", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl"))), 3600));
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToData("token", b64("s.sync-token\n")).build()).createOr(r -> r.update());
    ClusterSecretStore store = StoreFixtures.clusterStore("vault-backend", vault.address(), "");
    client.resources(ClusterSecretStore.class).resource(store).createOr(r -> r.update());
    registry = new SimpleMeterRegistry();
    controller = TestControllers.started(client, new SyncMetrics(registry), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    controller.stop(Duration.ofSeconds(5));
    vault.close();
    client.resources(ExternalSecret.class).inAnyNamespace().delete();
    client.secrets().inNamespace("payments").delete();
  }

  @Test
  void an_external_secret_becomes_a_secret_with_esos_markers_and_a_ready_status() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    Secret secret = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("db-credentials").get(), s -> s != null);
    assertThat(decode(secret.getData())).containsEntry("username", "payments").containsEntry("password", "s3cr3t");
    assertThat(secret.getMetadata().getLabels()).containsEntry("reconcile.external-secrets.io/managed", "true");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("db-credentials"));
    Condition ready = await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null);
    assertThat(ready.status).isEqualTo("True");
    assertThat(ready.reason).isEqualTo("SecretSynced");
    assertThat(ready.message).isEqualTo("secret synced");
    assertThat(registry.find("externalsecret_sync_calls").tag("name", "db-credentials").counter()).isNotNull();
    assertThat(registry.find("secretgate_vault_requests").tag("call", "ReadSecretData").tag("outcome", "success").counter().count())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void when_vault_is_sealed_the_secret_is_left_byte_for_byte_and_the_status_says_why_then_it_recovers() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    Secret before = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("db-credentials").get(), s -> s != null);
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));

    vault.sealed(true);
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"rotated\"}");
    touch("db-credentials");
    Condition failed = await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "False".equals(c.status));
    assertThat(failed.reason).isEqualTo("SecretSyncedError");
    assertThat(failed.message).isEqualTo("could not get secret data from provider").doesNotContain("rotated");
    Secret during = client.secrets().inNamespace("payments").withName("db-credentials").get();
    assertThat(during.getData()).isEqualTo(before.getData());
    assertThat(during.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());

    vault.sealed(false);
    await().atMost(WAIT).until(() -> decode(client.secrets().inNamespace("payments").withName("db-credentials").get().getData()).get("password"),
        "rotated"::equals);
  }

  @Test
  void a_deleted_external_secret_takes_its_metric_series_with_it_instead_of_being_reported_ready() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("ghost", "apps/payments/missing")).create();
    await().atMost(WAIT).until(() -> readyGauge("ghost", "False"), v -> v != null && v == 1.0);

    client.resources(ExternalSecret.class).inNamespace("payments").withName("ghost").delete();

    await().atMost(WAIT).until(() -> registry.find("externalsecret_status_condition").tag("name", "ghost").meters().isEmpty()
        && registry.find("externalsecret_sync_calls").tag("name", "ghost").meters().isEmpty()
        && registry.find("externalsecret_reconcile_duration").tag("name", "ghost").meters().isEmpty()
        && registry.find("externalsecret_sync_calls_error").tag("name", "ghost").meters().isEmpty());
  }

  @Test
  void a_stopped_controller_reports_no_external_secret_and_an_empty_queue() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> readyGauge("db-credentials", "True"), v -> v != null && v == 1.0);
    client.resources(ExternalSecret.class).resource(externalSecret("due-soon", "apps/payments/db")).create();

    controller.stop(Duration.ofSeconds(5)); // as on losing the lease: the new leader reports them

    assertThat(registry.find("externalsecret_status_condition").meters()).isEmpty();
    assertThat(registry.find("externalsecret_sync_calls").meters()).isEmpty();
    assertThat(registry.find("secretgate_workqueue_depth").gauge().value()).isZero();
  }

  @Test
  void a_sync_that_overflows_the_stack_is_retried_and_its_worker_goes_on_syncing_the_others() throws Exception {
    AtomicInteger overflows = new AtomicInteger();
    restartWith(1, sync -> key -> {
      if (key.equals("payments/deep") && overflows.getAndIncrement() < 2) throw new StackOverflowError();
      return sync.run(key);
    });

    client.resources(ExternalSecret.class).resource(externalSecret("deep", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> overflows.get() >= 1);
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();

    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
    await().atMost(WAIT).until(() -> readyCondition("deep"), c -> c != null && "True".equals(c.status));
    assertThat(controller.healthy()).isTrue();
  }

  @Test
  void a_sync_that_dies_of_an_error_the_jvm_may_not_survive_makes_the_controller_unhealthy_so_the_pod_is_restarted() throws Exception {
    restartWith(1, sync -> key -> {
      if (key.equals("payments/broken")) throw new NoClassDefFoundError("io/secretgate/Missing");
      return sync.run(key);
    });
    assertThat(controller.healthy()).isTrue();

    client.resources(ExternalSecret.class).resource(externalSecret("broken", "apps/payments/db")).create();

    await().atMost(WAIT).until(() -> !controller.healthy());
  }

  @Test
  void a_store_check_thread_task_that_dies_of_an_error_the_jvm_may_not_survive_makes_the_controller_unhealthy() {
    restartWithStoreTasks(task -> () -> {
      throw new NoClassDefFoundError("io/secretgate/Missing");
    });

    await().atMost(WAIT).until(() -> !controller.healthy());
  }

  @Test
  void a_store_check_thread_task_that_overflows_the_stack_runs_again_at_its_next_turn() {
    AtomicBoolean ranAgain = new AtomicBoolean();
    restartWithStoreTasks(task -> {
      AtomicInteger runs = new AtomicInteger();
      return () -> {
        if (runs.incrementAndGet() == 1) throw new StackOverflowError();
        ranAgain.set(true);
        task.run();
      };
    });

    await().atMost(WAIT).untilTrue(ranAgain); // the round ends every second, on and on
    assertThat(controller.healthy()).isTrue();
  }

  /** Stops the controller and starts one with {@code workers} workers running {@code syncs}. */
  private void restartWith(int workers, UnaryOperator<SyncController.Sync> syncs) {
    controller.stop(Duration.ofSeconds(5));
    controller = TestControllers.started(client, workers, new RotationSettings(false, Duration.ZERO), new SyncMetrics(registry), Clock.systemUTC(),
        WAIT, syncs);
  }

  /** Stops the controller and starts one whose store-check thread runs {@code storeTasks}. */
  private void restartWithStoreTasks(UnaryOperator<Runnable> storeTasks) {
    controller.stop(Duration.ofSeconds(5));
    controller = TestControllers.started(client, 4, new RotationSettings(false, Duration.ZERO), new SyncMetrics(registry), Clock.systemUTC(),
        WAIT, UnaryOperator.identity(), storeTasks);
  }

  @Test
  void a_sync_still_in_flight_when_the_grace_is_over_writes_nothing_since_another_replica_may_lead_by_then() throws Exception {
    vault.latency(Duration.ofSeconds(2));
    client.resources(ExternalSecret.class).resource(externalSecret("late", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> vault.count("GET secret/data/apps/payments/db") == 1);

    controller.stop(Duration.ofMillis(100)); // e.g. the lease was lost: lease duration - renew deadline for work in flight

    Thread.sleep(4000); // Vault answers meanwhile
    assertThat(client.secrets().inNamespace("payments").withName("late").get()).isNull();
    assertThat(readyCondition("late")).isNull();
  }

  @Test
  void an_informer_that_fabric8_stops_on_a_watch_error_makes_the_controller_unhealthy_instead_of_syncing_nothing_new() throws Exception {
    var odd = client.genericKubernetesResources(ApiGroup.V1, "ExternalSecret").inNamespace("payments");
    try {
      // an object the model cannot read: fabric8 logs "watch failed for .../externalsecrets, will stop"
      odd.resource(new GenericKubernetesResourceBuilder().withApiVersion(ApiGroup.V1).withKind("ExternalSecret")
          .withNewMetadata().withName("odd").withNamespace("payments").endMetadata().addToAdditionalProperties("spec", List.of(1, 2)).build()).create();

      await().atMost(WAIT).until(() -> !controller.healthy());
    } finally {
      odd.withName("odd").delete();
    }
  }

  @Test
  void a_negative_refresh_interval_syncs_once_as_in_eso_instead_of_in_a_loop() throws Exception {
    ExternalSecret es = externalSecret("negative", "apps/payments/db");
    es.getSpec().refreshInterval = "-1m";
    client.resources(ExternalSecret.class).resource(es).create();
    await().atMost(WAIT).until(() -> readyCondition("negative"), c -> c != null && "True".equals(c.status));
    double before = syncCalls("negative");
    Thread.sleep(3000);
    assertThat(syncCalls("negative") - before).as("syncs of an ExternalSecret with refreshInterval -1m in 3 s").isLessThanOrEqualTo(3);
  }

  @Test
  void external_secrets_reading_the_same_path_in_one_round_share_one_vault_read() throws Exception {
    for (int i = 0; i < 6; i++) client.resources(ExternalSecret.class).resource(externalSecret("app-" + i, "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").list().getItems().size() == 6);
    assertThat(vault.count("GET secret/data/apps/payments/db")).isLessThanOrEqualTo(2);
  }

  @Test
  void stores_sending_different_headers_never_share_a_read_so_each_secret_holds_what_its_own_store_reads() throws Exception {
    // one Vault, one token, two Vault Enterprise namespaces chosen through the stores' headers: the same path is two secrets
    for (String team : List.of("team-a", "team-b")) {
      client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore(team, vault.address(), "headers: {X-Vault-Namespace: " + team + "}"))
          .createOr(r -> r.update());
    }
    client.resources(ExternalSecret.class).resource(externalSecret("db-a", "apps/payments/db", "team-a")).create();
    client.resources(ExternalSecret.class).resource(externalSecret("db-b", "apps/payments/db", "team-b")).create();
    await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").list().getItems().size() == 2);
    List<String> namespacesRead = vault.requests().stream().filter(r -> r.line().equals("GET /v1/secret/data/apps/payments/db"))
        .map(r -> r.header("X-Vault-Namespace")).distinct().sorted().toList();
    assertThat(namespacesRead).as("the X-Vault-Namespace of the reads of secret/data/apps/payments/db").containsExactly("team-a", "team-b");
  }

  @Test
  void a_missing_vault_secret_under_retain_fails_with_esos_event_text_and_writes_nothing() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("ghost", "apps/payments/ghost")).create();
    Condition failed = await().atMost(WAIT).until(() -> readyCondition("ghost"), c -> c != null);
    assertThat(failed.status).isEqualTo("False");
    assertThat(failed.message).isEqualTo("could not get secret data from provider");
    assertThat(client.secrets().inNamespace("payments").withName("ghost").get()).isNull();
    await().atMost(WAIT).until(() -> client.v1().events().inNamespace("payments").list().getItems().stream()
        .anyMatch(e -> "UpdateFailed".equals(e.getReason()) && e.getMessage().contains("Secret does not exist")));
  }

  @Test
  void the_store_gets_esos_ready_condition_and_loses_it_when_vault_is_sealed() {
    await().atMost(WAIT).until(() -> storeReady(), c -> c != null && "True".equals(c.status));
    assertThat(storeReady().reason).isEqualTo("Valid");
    assertThat(storeReady().message).isEqualTo("store validated");
    vault.sealed(true);
    StoreFixtures.touchSpec(client, "vault-backend");
    Condition sealed = await().atMost(WAIT).until(this::storeReady, c -> c != null && "False".equals(c.status));
    assertThat(sealed.reason).isEqualTo("InvalidProviderConfig");
    assertThat(sealed.message).isEqualTo("unable to validate store");
  }

  @Test
  void a_store_whose_server_is_not_an_http_address_is_not_ready_and_its_external_secrets_say_why() {
    client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore("no-scheme", "vault.example:8200", "")).create();
    unusableStoreIsReported("no-scheme", "the Vault server must be an http:// or https:// address");
  }

  @Test
  void a_store_whose_ca_bundle_holds_no_certificate_is_not_ready_and_its_external_secrets_say_why() {
    client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore("bad-ca", vault.address(), "caBundle: " + b64("not a certificate")))
        .create();
    unusableStoreIsReported("bad-ca", "the CA bundle holds no PEM certificate");
  }

  /** ESO: a client that cannot be built is Ready=False "unable to create client"; the ExternalSecret fails with the detail in an event. */
  private void unusableStoreIsReported(String store, String detail) {
    Condition ready = await().atMost(WAIT).until(() -> storeReady(store), c -> c != null);
    assertThat(ready.status).isEqualTo("False");
    assertThat(ready.reason).isEqualTo("InvalidProviderConfig");
    assertThat(ready.message).isEqualTo("unable to create client");
    client.resources(ExternalSecret.class).resource(externalSecret("through-" + store, "apps/payments/db", store)).create();
    Condition failed = await().atMost(WAIT).until(() -> readyCondition("through-" + store), c -> c != null);
    assertThat(failed.status).isEqualTo("False");
    assertThat(failed.message).isEqualTo("could not get secret data from provider");
    await().atMost(WAIT).until(() -> warning("payments", detail) != null);
    assertThat(warning("payments", detail).getMessage()).startsWith("ClusterSecretStore \"" + store + "\": ");
  }

  @Test
  void a_store_that_is_not_ready_gets_a_warning_event_with_the_cause_as_in_eso() {
    await().atMost(WAIT).until(() -> storeReady(), c -> c != null && "True".equals(c.status));
    vault.sealed(true);
    StoreFixtures.touchSpec(client, "vault-backend");
    String cause = "Vault at " + vault.address() + " is sealed";
    Event warning = await().atMost(WAIT).until(() -> client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> "InvalidProviderConfig".equals(e.getReason()) && cause.equals(e.getMessage())).findFirst().orElse(null), e -> e != null);
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getInvolvedObject().getKind()).isEqualTo("ClusterSecretStore");
    assertThat(warning.getInvolvedObject().getName()).isEqualTo("vault-backend");
  }

  @Test
  void a_rotated_token_secret_is_used_at_the_next_sync_without_a_restart() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
    vault.token("s.rotated", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl"))), 3600));
    client.secrets().inNamespace("secretgate").withName("vault-token").edit(s -> {
      s.setData(Map.of("token", b64("s.rotated")));
      return s;
    });
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"after-rotation\"}");
    touch("db-credentials");
    await().atMost(WAIT).until(() -> decode(client.secrets().inNamespace("payments").withName("db-credentials").get().getData()).get("password"),
        "after-rotation"::equals);
    assertThat(vault.lastRequest().token()).isEqualTo("s.rotated");
  }

  @Test
  void a_path_the_token_may_not_read_fails_with_the_detail_in_an_event_and_writes_nothing() {
    vault.put("secret", "infra/root-ca", "{\"certificate\":\"-----BEGIN CERTIFICATE-----\"}");
    client.resources(ExternalSecret.class).resource(externalSecret("root-ca", "infra/root-ca")).create();
    Condition failed = await().atMost(WAIT).until(() -> readyCondition("root-ca"), c -> c != null);
    assertThat(failed.status).isEqualTo("False");
    assertThat(failed.message).isEqualTo("could not get secret data from provider");
    assertThat(client.secrets().inNamespace("payments").withName("root-ca").get()).isNull();
    await().atMost(WAIT).until(() -> client.v1().events().inNamespace("payments").list().getItems().stream()
        .anyMatch(e -> "UpdateFailed".equals(e.getReason()) && e.getMessage().contains("403")));
  }

  @Test
  void a_failed_sync_is_not_run_again_by_the_event_of_its_own_status_write_but_after_its_backoff() {
    List<long[]> failures = new java.util.concurrent.CopyOnWriteArrayList<>(); // start and end of each failed sync, in nanoseconds
    restartWith(1, sync -> key -> {
      long start = System.nanoTime();
      SyncResult result = sync.run(key);
      if (key.equals("payments/root-ca") && result instanceof SyncResult.Retry) failures.add(new long[] {start, System.nanoTime()});
      return result;
    });
    vault.put("secret", "infra/root-ca", "{\"certificate\":\"-----BEGIN CERTIFICATE-----\"}");

    client.resources(ExternalSecret.class).resource(externalSecret("root-ca", "infra/root-ca")).create();

    await().atMost(WAIT).until(() -> failures.size() >= 2);
    long pauseMs = (failures.get(1)[0] - failures.get(0)[1]) / 1_000_000;
    assertThat(pauseMs).as("pause between the first two failed syncs (Backoff.standard: 0.8-1 s)").isGreaterThanOrEqualTo(800);
    assertThat(readyCondition("root-ca").status).isEqualTo("False");
  }

  @Test
  void an_invalid_spec_is_marked_and_not_retried_until_it_changes() {
    ExternalSecret es = externalSecret("bad", "apps/payments/db");
    es.getSpec().refreshInterval = "1d";
    client.resources(ExternalSecret.class).resource(es).create();
    Condition failed = await().atMost(WAIT).until(() -> readyCondition("bad"), c -> c != null);
    assertThat(failed.status).isEqualTo("False");
    assertThat(failed.message).isEqualTo("invalid ExternalSecret spec");
    int readsBefore = vault.totalReads();
    assertThat(client.secrets().inNamespace("payments").withName("bad").get()).isNull();
    assertThat(vault.totalReads()).isEqualTo(readsBefore);
  }

  @Test
  void a_bad_token_leaves_the_secret_as_it_is_and_a_fixed_token_recovers_it() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    Secret before = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("db-credentials").get(), s -> s != null);
    client.secrets().inNamespace("secretgate").withName("vault-token").edit(s -> {
      s.setData(Map.of("token", b64("s.revoked")));
      return s;
    });
    touch("db-credentials");
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "False".equals(c.status));
    assertThat(client.secrets().inNamespace("payments").withName("db-credentials").get().getData()).isEqualTo(before.getData());
    client.secrets().inNamespace("secretgate").withName("vault-token").edit(s -> {
      s.setData(Map.of("token", b64("s.sync-token")));
      return s;
    });
    touch("db-credentials");
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
  }

  @Test
  void a_template_shapes_the_secret_and_deletion_policy_delete_removes_it_when_vault_has_nothing() throws Exception {
    ExternalSecret es = YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: dsn, namespace: payments}
        spec:
          refreshInterval: 1h
          secretStoreRef: {kind: ClusterSecretStore, name: vault-backend}
          target:
            deletionPolicy: Delete
            template:
              type: Opaque
              data:
                dsn: "postgres://{{ .username }}:{{ .password }}@db:{{ .port }}/app"
          dataFrom:
            - extract: {key: apps/payments/db}
        """, ExternalSecret.class);
    client.resources(ExternalSecret.class).resource(es).create();
    Secret secret = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("dsn").get(), s -> s != null);
    assertThat(decode(secret.getData())).containsExactly(Map.entry("dsn", "postgres://payments:s3cr3t@db:5432/app"));
    vault.delete("secret", "apps/payments/db");
    touch("dsn");
    await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("dsn").get() == null);
    // the status is written after the delete: wait for it rather than race it
    await().atMost(WAIT).until(() -> readyCondition("dsn"), c -> c != null && "SecretDeleted".equals(c.reason));
  }

  @Test
  void a_secret_update_the_api_server_refuses_sets_esos_could_not_update_secret_leaves_the_secret_and_is_retried() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
    Secret before = client.secrets().inNamespace("payments").withName("db-credentials").get();
    server.expect().put().withPath("/api/v1/namespaces/payments/secrets/db-credentials")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("secrets is forbidden").build()).times(2);
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"rotated\"}");
    touch("db-credentials");

    Condition failed = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> readyCondition("db-credentials"), c -> c != null && "False".equals(c.status));
    assertThat(failed.reason).isEqualTo("SecretSyncedError");
    assertThat(failed.message).isEqualTo("could not update secret");
    assertThat(client.secrets().inNamespace("payments").withName("db-credentials").get().getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    Event warning = await().atMost(WAIT).until(() -> warning("payments", "db-credentials: forbidden (HTTP 403); check the RBAC"), e -> e != null);
    assertThat(warning.getMessage()).startsWith("could not update secret: Secret payments/db-credentials").doesNotContain("rotated");
    // retried with backoff, without any change to the ExternalSecret, until the API server accepts it
    await().atMost(WAIT).until(() -> decode(client.secrets().inNamespace("payments").withName("db-credentials").get().getData())
        .get("password"), "rotated"::equals);
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
  }

  @Test
  void a_secret_delete_the_api_server_refuses_sets_esos_could_not_delete_secret_and_leaves_the_secret() throws Exception {
    ExternalSecret es = externalSecret("deletable", "apps/payments/gone-soon");
    es.getSpec().target = new io.secretgate.api.ExternalSecretTarget();
    es.getSpec().target.deletionPolicy = io.secretgate.api.DeletionPolicy.Delete;
    vault.put("secret", "apps/payments/gone-soon", "{\"password\":\"s3cr3t\"}");
    client.resources(ExternalSecret.class).resource(es).create();
    await().atMost(WAIT).until(() -> readyCondition("deletable"), c -> c != null && "True".equals(c.status));
    server.expect().delete().withPath("/api/v1/namespaces/payments/secrets/deletable")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("secrets is forbidden").build()).always();
    vault.delete("secret", "apps/payments/gone-soon");
    touch("deletable");

    Condition failed = await().atMost(WAIT).until(() -> readyCondition("deletable"), c -> c != null && "False".equals(c.status));
    assertThat(failed.reason).isEqualTo("SecretSyncedError");
    assertThat(failed.message).isEqualTo("could not delete secret");
    assertThat(client.secrets().inNamespace("payments").withName("deletable").get()).isNotNull();
    await().atMost(WAIT).until(() -> warning("payments", "could not delete secret: Secret payments/deletable: forbidden (HTTP 403); check the RBAC"),
        e -> e != null);
  }

  @Test
  void a_429_from_vault_leaves_the_secret_and_the_next_attempt_waits_for_retry_after_then_it_recovers() throws Exception {
    controller.stop(Duration.ofSeconds(5));
    MutableClock clock = new MutableClock(java.time.Instant.now());
    controller = TestControllers.started(client, new SyncMetrics(registry), clock);
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    Secret before = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("db-credentials").get(), s -> s != null);
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
    await().atMost(WAIT).until(this::storeReady, c -> c != null && "True".equals(c.status));

    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"after-quota\"}");
    vault.failNext(1, FakeVault.Reply.of(429, "{\"errors\":[\"request path \\\"secret/data/apps/payments/db\\\": rate limit quota exceeded\"]}")
        .header("Retry-After", "30"));
    java.time.Instant refused = clock.instant();
    touch("db-credentials");
    Condition failed = await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "False".equals(c.status));
    assertThat(failed.message).isEqualTo("could not get secret data from provider");
    var event = await().atMost(WAIT).until(() -> client.v1().events().inNamespace("payments").list().getItems().stream()
        .filter(e -> "VaultRateLimited".equals(e.getReason())).findFirst(), java.util.Optional::isPresent).get();
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getMessage()).contains("429").contains("30s").doesNotContain("after-quota").doesNotContain("s.sync-token");
    Secret during = client.secrets().inNamespace("payments").withName("db-credentials").get();
    assertThat(during.getData()).isEqualTo(before.getData());
    assertThat(during.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    java.time.Instant next = await().atMost(WAIT)
        .until(() -> controller.nextAttempt("payments/db-credentials").orElse(null), t -> t != null);
    assertThat(next).isAfterOrEqualTo(refused.plusSeconds(30));
    assertThat(registry.find("secretgate_vault_requests").tag("outcome", "rate_limited").counter().count()).isEqualTo(1.0);

    clock.advance(Duration.ofSeconds(31));
    await().atMost(WAIT).until(() -> decode(client.secrets().inNamespace("payments").withName("db-credentials").get().getData()).get("password"),
        "after-quota"::equals);
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
  }

  @Test
  void a_ca_from_a_config_map_reaches_vault_over_https_a_corrected_ca_is_picked_up_and_a_missing_one_leaves_the_secret() throws Exception {
    TestCa ca = TestCa.create("vault-ca");
    try (FakeVault tls = tlsVault(ca)) {
      configMap("vault-ca", TestCa.create("some-other-ca").pem());
      tlsStore("vault-tls", "type: ConfigMap, name: vault-ca, key: ca.crt, namespace: secretgate", tls);
      client.resources(ExternalSecret.class).resource(externalSecret("tls-db", "apps/payments/db", "vault-tls")).create();
      await().atMost(WAIT).until(() -> readyCondition("tls-db"), c -> c != null && "False".equals(c.status));
      assertThat(client.secrets().inNamespace("payments").withName("tls-db").get()).isNull();

      configMap("vault-ca", ca.pem());
      touch("tls-db");
      Secret synced = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("tls-db").get(), s -> s != null);
      assertThat(decode(synced.getData())).containsEntry("password", "over-tls");
      // Syncs already under way (e.g. the re-check of the Secret just created) finish with the CA they read;
      // the claim below is about the syncs that start once the CA is gone.
      await().atMost(WAIT).until(controller::idle);
      synced = client.secrets().inNamespace("payments").withName("tls-db").get();
      assertThat(decode(synced.getData())).containsEntry("password", "over-tls");

      client.configMaps().inNamespace("secretgate").withName("vault-ca").delete();
      tls.put("secret", "apps/payments/db", "{\"password\":\"changed\"}");
      touch("tls-db");
      await().atMost(WAIT).until(() -> readyCondition("tls-db"), c -> c != null && "False".equals(c.status));
      assertThat(client.secrets().inNamespace("payments").withName("tls-db").get().getMetadata().getResourceVersion())
          .isEqualTo(synced.getMetadata().getResourceVersion());
      await().atMost(WAIT).until(() -> client.v1().events().inNamespace("payments").list().getItems().stream()
          .anyMatch(e -> "UpdateFailed".equals(e.getReason()) && e.getMessage().contains("caProvider ConfigMap secretgate/vault-ca not found")));
      StoreFixtures.touchSpec(client, "vault-tls");
      Condition store = await().atMost(WAIT).until(() -> storeReady("vault-tls"), c -> c != null && "False".equals(c.status));
      assertThat(store.message).isEqualTo("unable to create client");
    } finally {
      client.resources(ClusterSecretStore.class).withName("vault-tls").delete();
    }
  }

  @Test
  void a_ca_from_a_secret_reaches_vault_over_https_and_the_store_is_ready() throws Exception {
    TestCa ca = TestCa.create("vault-ca-in-secret");
    try (FakeVault tls = tlsVault(ca)) {
      tlsStoreWithCaSecret("vault-tls-secret", "vault-ca", ca, tls);
      client.resources(ExternalSecret.class).resource(externalSecret("tls-db", "apps/payments/db", "vault-tls-secret")).create();
      Secret synced = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("tls-db").get(), s -> s != null);
      assertThat(decode(synced.getData())).containsEntry("password", "over-tls");
      await().atMost(WAIT).until(() -> storeReady("vault-tls-secret"), c -> c != null && "True".equals(c.status));
      assertThat(tls.count("GET secret/data/apps/payments/db")).isGreaterThanOrEqualTo(1);
    } finally {
      client.resources(ClusterSecretStore.class).withName("vault-tls-secret").delete();
    }
  }

  @Test
  void external_secrets_syncing_through_one_ca_provider_in_one_round_share_its_read() throws Exception {
    TestCa ca = TestCa.create("vault-ca-shared");
    try (FakeVault tls = tlsVault(ca)) {
      tlsStoreWithCaSecret("vault-tls-shared", "vault-ca-shared", ca, tls);
      await().atMost(WAIT).until(() -> storeReady("vault-tls-shared"), c -> c != null && "True".equals(c.status));
      drainRecordedRequests();
      int count = 6;
      for (int i = 0; i < count; i++) client.resources(ExternalSecret.class).resource(externalSecret("ca-shared-" + i, "apps/payments/db", "vault-tls-shared")).create();
      for (int i = 0; i < count; i++) {
        String name = "ca-shared-" + i;
        await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName(name).get(), s -> s != null);
      }
      List<io.fabric8.mockwebserver.http.RecordedRequest> requests = drainRecordedRequests();
      long creates = requests.stream().filter(r -> r.getMethod().equals("POST") && r.getPath().startsWith("/api/v1/namespaces/payments/secrets")).count();
      long caReads = requests.stream()
          .filter(r -> r.getMethod().equals("GET") && r.getPath().startsWith("/api/v1/namespaces/secretgate/secrets/vault-ca-shared")).count();
      assertThat(creates).as("the requests seen include the %d Secret creates", count).isEqualTo(count);
      // Within a round the CA read by the first sync (or by the store check just before) is shared.
      assertThat(caReads).as("GETs of the caProvider Secret for %d syncs", count).isLessThan(count);
    } finally {
      client.resources(ClusterSecretStore.class).withName("vault-tls-shared").delete();
    }
  }

  /** The requests the mock server recorded since the last drain. */
  private static List<io.fabric8.mockwebserver.http.RecordedRequest> drainRecordedRequests() throws InterruptedException {
    List<io.fabric8.mockwebserver.http.RecordedRequest> out = new java.util.ArrayList<>();
    for (var r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      out.add(r);
    }
    return out;
  }

  @Test
  void merge_with_deletion_policy_merge_gets_the_finalizer_and_deleting_it_removes_only_its_keys_even_with_vault_down() throws Exception {
    client.secrets().inNamespace("payments").resource(new SecretBuilder().withNewMetadata().withName("shared").endMetadata()
        .addToData("other", b64("not-ours")).build()).create();
    client.resources(ExternalSecret.class).resource(mergingExternalSecret("merge-db", "Merge")).create();
    await().atMost(WAIT).until(() -> decode(client.secrets().inNamespace("payments").withName("shared").get().getData()),
        d -> "s3cr3t".equals(d.get("password")));
    await().atMost(WAIT).until(() -> finalizers("merge-db"), f -> f.contains("externalsecrets.external-secrets.io/externalsecret-cleanup"));

    vault.sealed(true);
    client.resources(ExternalSecret.class).inNamespace("payments").withName("merge-db").delete();
    await().atMost(WAIT).until(() -> client.resources(ExternalSecret.class).inNamespace("payments").withName("merge-db").get() == null);
    assertThat(decode(client.secrets().inNamespace("payments").withName("shared").get().getData())).containsExactly(Map.entry("other", "not-ours"));
  }

  @Test
  void a_deleted_create_or_merge_target_is_recreated_at_once_not_at_the_next_refresh() throws Exception {
    ExternalSecret es = externalSecret("merged", "apps/payments/db");
    es.getSpec().target = new io.secretgate.api.ExternalSecretTarget();
    es.getSpec().target.creationPolicy = io.secretgate.api.CreationPolicy.CreateOrMerge;
    client.resources(ExternalSecret.class).resource(es).create();
    await().atMost(WAIT).until(() -> readyCondition("merged"), c -> c != null && "True".equals(c.status));
    await().atMost(WAIT).until(controller::idle);

    client.secrets().inNamespace("payments").withName("merged").delete();

    Secret back = await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("merged").get(), x -> x != null);
    assertThat(decode(back.getData())).containsEntry("password", "s3cr3t");
  }

  @Test
  void a_hand_edited_key_in_a_merge_target_is_restored_at_once_not_at_the_next_refresh() throws Exception {
    client.secrets().inNamespace("payments").resource(new SecretBuilder().withNewMetadata().withName("shared").endMetadata()
        .addToData("other", b64("not-ours")).build()).create();
    client.resources(ExternalSecret.class).resource(mergingExternalSecret("merge-db", "Retain")).create();
    await().atMost(WAIT).until(() -> readyCondition("merge-db"), c -> c != null && "True".equals(c.status));
    await().atMost(WAIT).until(controller::idle);

    client.secrets().inNamespace("payments").withName("shared").edit(sec -> {
      sec.getData().put("password", b64("edited-by-hand"));
      return sec;
    });

    await().atMost(WAIT).until(() -> decode(client.secrets().inNamespace("payments").withName("shared").get().getData()),
        d -> "s3cr3t".equals(d.get("password")) && "not-ours".equals(d.get("other")));
  }

  @Test
  void owner_external_secrets_get_no_finalizer_and_one_no_longer_needed_is_removed_when_the_spec_changes() throws Exception {
    client.resources(ExternalSecret.class).resource(externalSecret("db-credentials", "apps/payments/db")).create();
    await().atMost(WAIT).until(() -> readyCondition("db-credentials"), c -> c != null && "True".equals(c.status));
    assertThat(finalizers("db-credentials")).doesNotContain("externalsecrets.external-secrets.io/externalsecret-cleanup");

    client.secrets().inNamespace("payments").resource(new SecretBuilder().withNewMetadata().withName("shared").endMetadata()
        .addToData("other", b64("not-ours")).build()).create();
    client.resources(ExternalSecret.class).resource(mergingExternalSecret("merge-later-retain", "Merge")).create();
    await().atMost(WAIT).until(() -> finalizers("merge-later-retain"), f -> f.contains("externalsecrets.external-secrets.io/externalsecret-cleanup"));
    client.resources(ExternalSecret.class).resource(mergingExternalSecret("merge-later-retain", "Retain")).update();
    await().atMost(WAIT).until(() -> finalizers("merge-later-retain"), List::isEmpty);
    client.resources(ExternalSecret.class).inNamespace("payments").withName("merge-later-retain").delete();
    await().atMost(WAIT).until(() -> client.resources(ExternalSecret.class).inNamespace("payments").withName("merge-later-retain").get() == null);
    assertThat(decode(client.secrets().inNamespace("payments").withName("shared").get().getData())).containsEntry("password", "s3cr3t");
  }

  @Test
  void a_merge_target_that_does_not_exist_is_not_created_and_the_status_says_secret_missing_as_esos_does() throws Exception {
    client.resources(ExternalSecret.class).resource(mergingExternalSecret("merge-nowhere", "Retain")).create();

    Condition ready = await().atMost(WAIT).until(() -> readyCondition("merge-nowhere"), c -> c != null);
    assertThat(List.of(ready.status, ready.reason, ready.message))
        .containsExactly("True", "SecretMissing", "secret will not be created due to CreationPolicy=Merge");
    assertThat(client.secrets().inNamespace("payments").withName("shared").get()).isNull();
  }

  /** An ExternalSecret merging into the Secret "shared", which it does not own. */
  private ExternalSecret mergingExternalSecret(String name, String deletionPolicy) {
    ExternalSecret es = externalSecret(name, "apps/payments/db");
    io.secretgate.api.ExternalSecretTarget target = new io.secretgate.api.ExternalSecretTarget();
    target.name = "shared";
    target.creationPolicy = io.secretgate.api.CreationPolicy.Merge;
    target.deletionPolicy = io.secretgate.api.DeletionPolicy.valueOf(deletionPolicy);
    es.getSpec().target = target;
    return es;
  }

  private List<String> finalizers(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    return es == null || es.getMetadata().getFinalizers() == null ? List.of() : es.getMetadata().getFinalizers();
  }

  private FakeVault tlsVault(TestCa ca) throws Exception {
    return FakeVault.https(ca.serverContext()).mountV2("secret")
        .put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"over-tls\"}")
        .token("s.sync-token", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl"))), 3600));
  }

  private void configMap(String name, String pem) {
    client.configMaps().inNamespace("secretgate").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("ca.crt", pem).build()).createOr(r -> r.update());
  }

  /** A ClusterSecretStore trusting {@code ca} through a caProvider Secret {@code caSecret} (key ca.crt) in namespace secretgate. */
  private void tlsStoreWithCaSecret(String store, String caSecret, TestCa ca, FakeVault tls) {
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName(caSecret).endMetadata()
        .addToData("ca.crt", b64(ca.pem())).build()).createOr(r -> r.update());
    tlsStore(store, "type: Secret, name: " + caSecret + ", key: ca.crt, namespace: secretgate", tls);
  }

  private void tlsStore(String name, String caProvider, FakeVault tls) {
    client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore(name, tls.address(), "caProvider: {" + caProvider + "}"))
        .createOr(r -> r.update());
  }

  private Condition storeReady() {
    return storeReady("vault-backend");
  }

  private Condition storeReady(String name) {
    ClusterSecretStore s = client.resources(ClusterSecretStore.class).withName(name).get();
    if (s == null || s.getStatus() == null || s.getStatus().conditions == null) return null;
    return s.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }

  private ExternalSecret externalSecret(String name, String key) {
    return externalSecret(name, key, "vault-backend");
  }

  private ExternalSecret externalSecret(String name, String key, String store) {
    return YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: %s, namespace: payments}
        spec:
          refreshInterval: 1h
          secretStoreRef: {kind: ClusterSecretStore, name: %s}
          dataFrom:
            - extract: {key: %s}
        """.formatted(name, store, key), ExternalSecret.class);
  }

  /** Change an annotation (a spec-side change that forces a sync); a status write racing it (409) is retried. */
  private void touch(String name) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.resources(ExternalSecret.class).inNamespace("payments").withName(name)
            .edit(es -> {
              es.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("force-sync", String.valueOf(System.nanoTime()))));
              return es;
            });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) throw e;
      }
    }
  }

  /** The first Warning UpdateFailed event in {@code namespace} whose message contains {@code text}, or null. */
  private Event warning(String namespace, String text) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()) && "UpdateFailed".equals(e.getReason()) && e.getMessage().contains(text))
        .findFirst().orElse(null);
  }

  private Double readyGauge(String name, String status) {
    var g = registry.find("externalsecret_status_condition").tag("name", name).tag("status", status).gauge();
    return g == null ? null : g.value();
  }

  private double syncCalls(String name) {
    var c = registry.find("externalsecret_sync_calls").tag("name", name).counter();
    return c == null ? 0 : c.count();
  }

  private Condition readyCondition(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return null;
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> out = new java.util.TreeMap<>();
    data.forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }
}

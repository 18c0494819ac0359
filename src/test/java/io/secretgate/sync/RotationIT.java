package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.secretgate.rollout.RolloutFixtures;
import io.secretgate.rollout.RolloutPlan;
import io.secretgate.testing.PatientMockClient;
import java.util.Optional;
import java.util.TreeSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.SecretStore;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import io.secretgate.config.RotationSettings;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.StoreFixtures;
import io.secretgate.vault.policy.Policy;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rotation end to end on the mock API server (CRUD) and FakeVault: tokens, values on demand, workload restarts. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class RotationIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;

  FakeVault vault;
  SyncController controller;
  SimpleMeterRegistry registry;
  List<Policy> policies;

  @BeforeEach
  void clusterWithStoreAndVault() throws Exception {
    policies = List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl")));
    vault = new FakeVault().mountV2("secret")
        .put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"first\"}")
        .token("s.first", new FakeVault.TokenInfo(policies, 0));
    RotationFixtures.cluster(client, vault.address(), "s.first");
    registry = new SimpleMeterRegistry();
  }

  void startController() {
    controller = TestControllers.started(client, 4, new RotationSettings(true, Duration.ofHours(24)), new SyncMetrics(registry), Clock.systemUTC(), WAIT);
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
    client.apps().deployments().inNamespace("payments").delete();
  }

  @Test
  void a_changed_token_secret_is_used_at_once_the_store_is_checked_again_and_its_external_secrets_sync_again() {
    startController();
    create(externalSecret("db", "1h", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("db"), "first"::equals);
    await().atMost(WAIT).until(() -> storeReady() != null && "True".equals(storeReady().status));
    int storeChecksBefore = lookupsWith("s.second");

    vault.token("s.second", new FakeVault.TokenInfo(policies, 0));
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");
    client.secrets().inNamespace("secretgate").withName("vault-token").edit(s -> {
      s.setData(Map.of("token", b64("s.second")));
      return s;
    });

    await().atMost(WAIT).until(() -> password("db"), "second"::equals);
    assertThat(vault.requests()).filteredOn(r -> r.rawPath().equals("/v1/secret/data/apps/payments/db"))
        .last().satisfies(r -> assertThat(r.token()).isEqualTo("s.second"));
    await().atMost(WAIT).until(() -> lookupsWith("s.second") > storeChecksBefore);
    assertThat(counter("secretgate_token_rotations")).isEqualTo(1.0);
  }

  @Test
  void a_sync_asked_for_by_a_changed_token_that_fails_while_vault_is_sealed_is_retried_until_vault_is_back() {
    startController();
    create(externalSecret("db", "1h", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("db"), "first"::equals);
    await().atMost(WAIT).until(() -> readyCondition("db"), c -> c != null && "True".equals(c.status));
    vault.token("s.second", new FakeVault.TokenInfo(policies, 0));
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");
    vault.sealed(true);

    client.secrets().inNamespace("secretgate").withName("vault-token").edit(s -> {
      s.setData(Map.of("token", b64("s.second")));
      return s;
    });
    await().atMost(WAIT).until(() -> readyCondition("db"), c -> c != null && "False".equals(c.status));
    vault.sealed(false);

    await().atMost(WAIT).until(() -> password("db"), "second"::equals);
    await().atMost(WAIT).until(() -> readyCondition("db"), c -> c != null && "True".equals(c.status));
  }

  @Test
  void a_changed_secret_store_token_syncs_again_only_the_external_secrets_of_that_store() {
    vault.token("s.team", new FakeVault.TokenInfo(policies, 0)).token("s.team-2", new FakeVault.TokenInfo(policies, 0));
    RotationFixtures.teamStore(client, vault.address(), "s.team");
    startController();
    create(externalSecret("db", "1h", "apps/payments/db"));
    ExternalSecret team = externalSecret("team-db", "1h", "apps/payments/db");
    team.getSpec().secretStoreRef = new SecretStoreRef("team-vault", StoreKind.SecretStore);
    create(team);
    await().atMost(WAIT).until(() -> "first".equals(password("db")) && "first".equals(password("team-db")));

    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");
    client.secrets().inNamespace("payments").withName("team-token").edit(s -> {
      s.setData(Map.of("token", b64("s.team-2")));
      return s;
    });

    await().atMost(WAIT).until(() -> password("team-db"), "second"::equals);
    assertThat(password("db")).as("the ClusterSecretStore's ExternalSecret is not due").isEqualTo("first");
  }

  @Test
  void without_a_token_change_an_external_secret_is_not_synced_again_before_its_refresh_is_due() throws Exception {
    startController();
    create(externalSecret("db", "1h", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("db"), "first"::equals);
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");
    client.secrets().inNamespace("secretgate").withName("vault-token").edit(s -> {
      s.getMetadata().setLabels(new HashMap<>(Map.of("team", "platform")));
      return s;
    });
    touchSecretMetadata("db");
    await().atMost(WAIT).until(() -> syncCalls("db") >= 2.0);
    assertThat(password("db")).isEqualTo("first");
    assertThat(counter("secretgate_token_rotations")).isZero();
  }

  @Test
  void a_token_that_expires_within_the_warning_keeps_the_store_ready_says_so_and_is_reported_by_one_event() {
    vault.token("s.first", new FakeVault.TokenInfo(policies, 3600));
    startController();
    Condition ready = await().atMost(WAIT).until(this::storeReady, c -> c != null && c.message.contains("expires"));
    assertThat(ready.status).isEqualTo("True");
    assertThat(ready.reason).isEqualTo("Valid");
    assertThat(ready.message).isEqualTo("store validated; its Vault token expires within 24h0m0s: update the token Secret");
    int checks = vault.count("GET auth/token/lookup-self");
    touchStore();
    await().atMost(WAIT).until(() -> vault.count("GET auth/token/lookup-self") >= checks + 1);
    touchStore();
    await().atMost(WAIT).until(() -> vault.count("GET auth/token/lookup-self") >= checks + 2);

    List<Event> warnings = await().atMost(WAIT).until(() -> events("TokenExpiring"), l -> !l.isEmpty());
    assertThat(warnings).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getCount()).isEqualTo(1);
      assertThat(e.getInvolvedObject().getKind()).isEqualTo("ClusterSecretStore");
      assertThat(e.getInvolvedObject().getName()).isEqualTo("vault-backend");
      assertThat(e.getMessage()).contains("Secret secretgate/vault-token", "in 1h0m0s").doesNotContain("s.first");
    });
    assertThat(counter("secretgate_token_expiry_warnings")).isEqualTo(1.0);
  }

  @Test
  void a_token_that_never_expires_gives_no_warning() {
    startController();
    await().atMost(WAIT).until(() -> storeReady() != null && "True".equals(storeReady().status));
    assertThat(storeReady().message).isEqualTo("store validated");
    await().atMost(WAIT).until(controller::idle); // an Event the check recorded is written
    assertThat(events("TokenExpiring")).isEmpty();
  }

  @Test
  void an_annotation_change_syncs_a_refresh_interval_zero_external_secret_at_once_and_nothing_else_does() {
    startController();
    create(externalSecret("once", "0", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("once"), "first"::equals);
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");

    double calls = syncCalls("once");
    touchSecretMetadata("once");
    await().atMost(WAIT).until(() -> syncCalls("once") > calls);
    assertThat(password("once")).isEqualTo("first");

    client.resources(ExternalSecret.class).inNamespace("payments").withName("once").edit(es -> {
      es.getMetadata().setAnnotations(new HashMap<>(Map.of("force-sync", "1700000000")));
      return es;
    });
    await().atMost(WAIT).until(() -> password("once"), "second"::equals);
  }

  @Test
  void a_value_changed_in_vault_and_forced_rolls_the_annotated_deployment_that_consumes_the_secret_once() {
    syncedSecretAndAnnotatedDeployment();

    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");
    forceSync("db");

    String hash = await().atMost(WAIT).until(() -> templateHash("api"), h -> h != null);
    String dataHash = client.secrets().inNamespace("payments").withName("db").get().getMetadata().getAnnotations()
        .get("reconcile.external-secrets.io/data-hash");
    assertThat(hash).isEqualTo(RolloutPlan.hash(new TreeSet<>(List.of("db")), n -> Optional.of(dataHash)));
    assertThat(password("db")).isEqualTo("second");
    await().atMost(WAIT).until(() -> events("RolloutTriggered"), l -> !l.isEmpty()); // recorded after the roll, written by the sender
    assertThat(events("RolloutTriggered")).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("rolled because the data of Secret db changed").doesNotContain("second"));
    assertThat(counter("secretgate_secret_value_changes")).isEqualTo(1.0);
    // counted just after the patch that the test saw: wait for it rather than race it
    await().atMost(WAIT).until(() -> registry.find("secretgate_workload_restarts").tag("kind", "Deployment").counter().count(), c -> c == 1.0);
  }

  @Test
  void a_first_sync_creating_a_secret_lists_no_workloads() throws Exception {
    startController();
    for (var r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      // drop what the set-up asked
    }
    create(externalSecret("db", "1h", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("db"), "first"::equals);
    Thread.sleep(WorkloadRestarts.DEFAULT_WINDOW.plusSeconds(1).toMillis()); // a restart batch would have been flushed by now

    List<String> paths = new ArrayList<>();
    for (var r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      paths.add(r.getMethod() + " " + r.getPath());
    }
    assertThat(paths).anySatisfy(p -> assertThat(p).startsWith("POST /api/v1/namespaces/payments/secrets"));
    assertThat(paths).noneSatisfy(p -> assertThat(p).containsAnyOf("/deployments", "/statefulsets", "/daemonsets"));
  }

  @Test
  void a_secret_deleted_to_force_a_sync_rolls_the_deployment_rolled_before_when_it_comes_back_with_new_data() {
    syncedSecretAndAnnotatedDeployment();
    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"second\"}");
    forceSync("db");
    String rolled = await().atMost(WAIT).until(() -> templateHash("api"), h -> h != null);

    vault.put("secret", "apps/payments/db", "{\"username\":\"payments\",\"password\":\"third\"}");
    client.secrets().inNamespace("payments").withName("db").delete();

    await().atMost(WAIT).until(() -> password("db"), "third"::equals);
    String hash = await().atMost(WAIT).until(() -> templateHash("api"), h -> h != null && !h.equals(rolled));
    String dataHash = client.secrets().inNamespace("payments").withName("db").get().getMetadata().getAnnotations()
        .get("reconcile.external-secrets.io/data-hash");
    assertThat(hash).isEqualTo(RolloutPlan.hash(new TreeSet<>(List.of("db")), n -> Optional.of(dataHash)));
    // counted just after the patch that the test saw: wait for it rather than race it
    await().atMost(WAIT).until(() -> registry.find("secretgate_workload_restarts").tag("kind", "Deployment").counter().count(), c -> c == 2.0);
  }

  @Test
  void a_secret_created_for_a_deployment_never_rolled_rolls_nothing_as_at_a_first_deployment() {
    startController();
    client.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder()
        .withNewMetadata().withName("api").addToAnnotations("secretgate.io/restart-on-change", "true").endMetadata()
        .withNewSpec().withTemplate(RolloutFixtures.template("env-from.yaml")).endSpec().build()).create();
    create(externalSecret("db", "1h", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("db"), "first"::equals);

    await().during(Duration.ofMillis(3 * WorkloadRestarts.DEFAULT_WINDOW.toMillis() / 2)).atMost(WAIT).until(() -> templateHash("api") == null);
    assertThat(events("RolloutTriggered")).isEmpty();
  }

  @Test
  void a_change_of_the_secrets_metadata_alone_rolls_nothing() {
    syncedSecretAndAnnotatedDeployment();
    String synced = syncedVersion("db");

    client.resources(ExternalSecret.class).inNamespace("payments").withName("db").edit(es -> {
      es.getMetadata().setLabels(new HashMap<>(Map.of("tier", "gold")));
      return es;
    });
    await().atMost(WAIT).until(() -> "gold".equals(client.secrets().inNamespace("payments").withName("db").get().getMetadata().getLabels().get("tier"))
        && !synced.equals(syncedVersion("db")));
    assertThat(counter("secretgate_secret_value_changes")).isZero();
    assertThat(templateHash("api")).isNull();
  }

  // --- helpers

  /** Secret payments/db synced from Vault, and Deployment api (restart-on-change) consuming it through envFrom. */
  private void syncedSecretAndAnnotatedDeployment() {
    startController();
    create(externalSecret("db", "1h", "apps/payments/db"));
    await().atMost(WAIT).until(() -> password("db"), "first"::equals);
    client.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder()
        .withNewMetadata().withName("api").addToAnnotations("secretgate.io/restart-on-change", "true").endMetadata()
        .withNewSpec().withTemplate(RolloutFixtures.template("env-from.yaml")).endSpec().build()).create();
  }

  private void forceSync(String name) {
    client.resources(ExternalSecret.class).inNamespace("payments").withName(name).edit(es -> {
      es.getMetadata().setAnnotations(new HashMap<>(Map.of("force-sync", String.valueOf(System.nanoTime()))));
      return es;
    });
  }

  private String templateHash(String deployment) {
    var t = client.apps().deployments().inNamespace("payments").withName(deployment).get().getSpec().getTemplate();
    return t.getMetadata() == null || t.getMetadata().getAnnotations() == null ? null : t.getMetadata().getAnnotations().get("secretgate.io/secret-hash");
  }

  /** Written with the status after the sync's Secret write (and after the data-change hook). */
  private String syncedVersion(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    return es.getStatus() == null ? "" : String.valueOf(es.getStatus().syncedResourceVersion);
  }

  private void create(ExternalSecret es) {
    client.resources(ExternalSecret.class).resource(es).create();
  }

  static ExternalSecret externalSecret(String name, String refresh, String key) {
    return RotationFixtures.externalSecret(name, refresh, key);
  }

  /** A label on the managed Secret: the controller hears of it and looks at the ExternalSecret again. */
  private void touchSecretMetadata(String name) {
    client.secrets().inNamespace("payments").withName(name).edit(s -> {
      s.getMetadata().getLabels().put("touched", String.valueOf(System.nanoTime()));
      return s;
    });
  }

  private void touchStore() {
    StoreFixtures.touchSpec(client, "vault-backend");
  }

  private String password(String name) {
    Secret s = client.secrets().inNamespace("payments").withName(name).get();
    return s == null || s.getData() == null ? null : decode(s.getData()).get("password");
  }

  private int lookupsWith(String token) {
    return (int) vault.requests().stream().filter(r -> r.rawPath().equals("/v1/auth/token/lookup-self") && token.equals(r.token())).count();
  }

  private double syncCalls(String name) {
    Counter c = registry.find("externalsecret_sync_calls").tag("name", name).counter();
    return c == null ? 0 : c.count();
  }

  private double counter(String name) {
    Counter c = registry.find(name).counter();
    return c == null ? 0 : c.count();
  }

  private List<Event> events(String reason) {
    return client.v1().events().inAnyNamespace().list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  private Condition readyCondition(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return null;
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }

  private Condition storeReady() {
    ClusterSecretStore s = client.resources(ClusterSecretStore.class).withName("vault-backend").get();
    if (s == null || s.getStatus() == null || s.getStatus().conditions == null) return null;
    return s.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }

  static String b64(String s) {
    return RotationFixtures.b64(s);
  }

  static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> out = new TreeMap<>();
    data.forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }
}

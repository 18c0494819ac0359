package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.SecretStore;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import io.secretgate.config.RotationSettings;
import io.secretgate.kube.StoreStatusWriter;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.MutableClock;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.StoreFixtures;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Store events end to end on the mock API server (CRUD) and FakeVault: only a change of a store's
 * spec or readiness reaches ExternalSecrets, and only those reading from that store.
 *
 * <p>Store A is ClusterSecretStore vault-backend, store B SecretStore payments/team-vault. Each has
 * a healthy ExternalSecret (synced, its next refresh an hour away) and one whose path the token may
 * not read. The clock stands still, so a failed sync is never retried by itself: every read of a
 * denied path is a sync some event asked for, and Vault's request log says exactly what each event
 * caused (store checks are {@code sys/health} and {@code lookup-self}).
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class StoreEventsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void twoStoresWithAHealthyAndAFailingExternalSecretEach() throws Exception {
    var policies = List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl")));
    vault = new FakeVault().mountV2("secret")
        .put("secret", "apps/a/db", "{\"password\":\"a\"}").put("secret", "apps/b/db", "{\"password\":\"b\"}")
        .put("secret", "infra/a", "{\"password\":\"denied\"}").put("secret", "infra/b", "{\"password\":\"denied\"}")
        .token("s.a", new FakeVault.TokenInfo(policies, 0)).token("s.b", new FakeVault.TokenInfo(policies, 0));
    RotationFixtures.cluster(client, vault.address(), "s.a");
    RotationFixtures.teamStore(client, vault.address(), "s.b");
    // Ready as their first check will find them, so that check writes nothing.
    ready(StoreKind.ClusterSecretStore, null, "vault-backend", true, StoreStatusWriter.MSG_VALID);
    ready(StoreKind.SecretStore, "payments", "team-vault", true, StoreStatusWriter.MSG_VALID);
    controller = TestControllers.started(client, 4, new RotationSettings(false, Duration.ZERO), new SyncMetrics(new SimpleMeterRegistry()), clock, WAIT);
    // A store's add event queues its users before it schedules the store's check.
    await().atMost(WAIT).until(() -> lookups("s.a") >= 1 && lookups("s.b") >= 1);

    create(externalSecret("a-db", "apps/a/db", "vault-backend", StoreKind.ClusterSecretStore));
    create(externalSecret("a-denied", "infra/a", "vault-backend", StoreKind.ClusterSecretStore));
    create(externalSecret("b-db", "apps/b/db", "team-vault", StoreKind.SecretStore));
    create(externalSecret("b-denied", "infra/b", "team-vault", StoreKind.SecretStore));
    // A denied one is read at its first sync, and never again by itself (its own failed status write queues nothing).
    await().atMost(WAIT).until(() -> reads("apps/a/db") == 1 && reads("apps/b/db") == 1 && reads("infra/a") == 1 && reads("infra/b") == 1);
    await().atMost(WAIT).until(controller::idle);
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void a_status_write_that_keeps_a_store_ready_checks_nothing_and_syncs_nobody_and_a_readiness_flip_syncs_only_its_users() {
    int before = vault.requests().size();

    ready(StoreKind.ClusterSecretStore, null, "vault-backend", true, "store validated, as written by another check");
    // Events of one store arrive in order: once the flip below has been acted on, so has the write above.
    ready(StoreKind.ClusterSecretStore, null, "vault-backend", false, StoreStatusWriter.MSG_NOT_VALIDATED);
    await().atMost(WAIT).until(() -> reads("infra/a") >= 2);
    await().atMost(WAIT).until(controller::idle);

    assertThat(vault.requests().subList(before, vault.requests().size())).extracting(FakeVault.Request::line)
        .as("only the flip queued A's ExternalSecrets, which read Vault where a sync is due; no store was checked")
        .containsExactly("GET /v1/secret/data/infra/a");
    assertThat(storeReady().status).as("the flip was not checked over").isEqualTo("False");
  }

  @Test
  void a_spec_change_checks_the_store_again_and_syncs_its_users_at_once_through_the_new_settings_and_no_others() {
    int before = vault.requests().size();

    client.resources(ClusterSecretStore.class).withName("vault-backend").edit(s -> {
      s.getSpec().provider.vault.namespace = "team-a";
      return s;
    });
    await().atMost(WAIT).until(() -> reads("apps/a/db") >= 2 && reads("infra/a") >= 2 && lookups("s.a") >= 2);
    await().atMost(WAIT).until(controller::idle);

    List<FakeVault.Request> caused = vault.requests().subList(before, vault.requests().size());
    assertThat(caused).extracting(FakeVault.Request::line).containsExactlyInAnyOrder(
        "GET /v1/sys/health", "GET /v1/auth/token/lookup-self", "GET /v1/secret/data/apps/a/db", "GET /v1/secret/data/infra/a");
    assertThat(caused).filteredOn(r -> !r.rawPath().equals("/v1/sys/health")).extracting(FakeVault.Request::namespace).containsOnly("team-a");
  }

  @Test
  void a_deleted_store_is_not_checked_and_only_its_users_sync_to_report_it_missing() {
    int before = vault.requests().size();

    client.resources(SecretStore.class).inNamespace("payments").withName("team-vault").delete();
    await().atMost(WAIT).until(() -> client.v1().events().inNamespace("payments").list().getItems().stream()
        .anyMatch(e -> e.getInvolvedObject().getName().equals("b-denied") && e.getMessage().contains("SecretStore \"team-vault\" is not found")));
    await().atMost(WAIT).until(controller::idle);

    assertThat(vault.requests().subList(before, vault.requests().size())).extracting(FakeVault.Request::line).isEmpty();
  }

  @Test
  void a_new_store_syncs_the_external_secret_waiting_for_it_and_no_others() {
    create(externalSecret("c-db", "apps/a/db", "vault-c", StoreKind.ClusterSecretStore));
    await().atMost(WAIT).until(() -> readyCondition("c-db"), c -> c != null && "False".equals(c.status));

    client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore("vault-c", vault.address(), "")).create();
    await().atMost(WAIT).until(() -> client.secrets().inNamespace("payments").withName("c-db").get() != null);
    await().atMost(WAIT).until(controller::idle);

    assertThat(reads("infra/a")).isEqualTo(1);
    assertThat(reads("infra/b")).isEqualTo(1);
  }

  private void ready(StoreKind kind, String namespace, String name, boolean ready, String message) {
    new StoreStatusWriter(client, clock).write(kind, namespace, name, ready,
        ready ? StoreStatusWriter.REASON_VALID : StoreStatusWriter.REASON_INVALID, message);
  }

  private static ExternalSecret externalSecret(String name, String key, String store, StoreKind kind) {
    ExternalSecret es = RotationFixtures.externalSecret(name, "1h", key);
    es.getSpec().secretStoreRef = new SecretStoreRef(store, kind);
    return es;
  }

  private void create(ExternalSecret es) {
    client.resources(ExternalSecret.class).resource(es).create();
  }

  private int reads(String path) {
    return vault.count("GET secret/data/" + path);
  }

  private int lookups(String token) {
    return (int) vault.requests().stream().filter(r -> r.rawPath().equals("/v1/auth/token/lookup-self") && token.equals(r.token())).count();
  }

  private Condition storeReady() {
    ClusterSecretStore s = client.resources(ClusterSecretStore.class).withName("vault-backend").get();
    return s.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElseThrow();
  }

  private Condition readyCondition(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return null;
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }
}

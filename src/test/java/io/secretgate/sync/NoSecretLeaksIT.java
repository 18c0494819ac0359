package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.RotationSettings;
import io.secretgate.testing.CapturedStderr;
import io.secretgate.testing.Crds;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.StoreFixtures;
import io.secretgate.vault.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The house rule end to end: with the controller syncing and failing in the ways that handle values
 * (a decoding error, a template error, a JSON path into a value, a refused token), no secret value
 * and no Vault token reaches a log line, an Event, an ExternalSecret or store status, or a Secret
 * that should not exist. The values and tokens are canaries: distinctive text searched for in all of
 * those places; each failing ExternalSecret must really have failed, so no check passes by accident.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class NoSecretLeaksIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VALUE = "CANARY-VALUE-5e1f";
  private static final String JSON_VALUE = "{\"inner\": \"CANARY-JSON-77ab\"";
  private static final String TOKEN = "s.CANARY-TOKEN-0c3d";
  private static final String BAD_TOKEN = "s.CANARY-BAD-TOKEN-9a2b";
  private static final List<String> CANARIES = List.of("CANARY-VALUE-5e1f", "CANARY-JSON-77ab", "CANARY-TOKEN-0c3d", "CANARY-BAD-TOKEN-9a2b");

  private CapturedStderr logs;
  private FakeVault vault;
  private SyncController controller;

  @BeforeEach
  void clusterStoresAndVault() throws Exception {
    logs = new CapturedStderr();
    Crds.install(client);
    vault = new FakeVault().mountV2("secret")
        .put("secret", "apps/leaky/db", JSON.writeValueAsString(Map.of("password", VALUE, "json", JSON_VALUE)))
        .token(TOKEN, new FakeVault.TokenInfo(List.of(PolicyParser.parse("sync", "path \"secret/data/apps/*\" { capabilities = [\"read\"] }")), 3600));
    tokenSecret("vault-token", TOKEN);
    tokenSecret("vault-bad-token", BAD_TOKEN);
    client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore("vault-backend", vault.address(), "")).createOr(r -> r.update());
    ClusterSecretStore refused = StoreFixtures.clusterStore("vault-refused", vault.address(), "");
    refused.getSpec().provider.vault.auth.tokenSecretRef.name = "vault-bad-token";
    client.resources(ClusterSecretStore.class).resource(refused).createOr(r -> r.update());
    controller = TestControllers.started(client, 2, new RotationSettings(false, Duration.ZERO), new SyncMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC(), PatientMockClient.WAIT);
  }

  @AfterEach
  void stop() {
    controller.stop(Duration.ofSeconds(5));
    vault.close();
    logs.close();
    client.resources(ExternalSecret.class).inAnyNamespace().delete();
  }

  @Test
  void no_secret_value_or_token_reaches_logs_events_statuses_or_unwritten_secrets_whatever_fails() throws Exception {
    create("synced", "vault-backend", "data:\n  - {secretKey: password, remoteRef: {key: apps/leaky/db, property: password}}");
    create("not-base64", "vault-backend", "data:\n  - {secretKey: password, remoteRef: {key: apps/leaky/db, property: password, decodingStrategy: Base64}}");
    create("bad-template", "vault-backend", """
        target:
            template:
              data: {x: '{{ .password | b64dec }}'}
          data:
            - {secretKey: password, remoteRef: {key: apps/leaky/db, property: password}}""");
    create("json-path-into-broken-json", "vault-backend", "data:\n  - {secretKey: inner, remoteRef: {key: apps/leaky/db, property: json.inner}}");
    create("refused-token", "vault-refused", "data:\n  - {secretKey: password, remoteRef: {key: apps/leaky/db, property: password}}");

    assertThat(await().atMost(PatientMockClient.WAIT).until(() -> ready("synced"), Optional::isPresent).get().status).isEqualTo("True");
    assertThat(decode(client.secrets().inNamespace("leaks").withName("synced").get().getData().get("password"))).isEqualTo(VALUE);
    List<String> failing = List.of("not-base64", "bad-template", "json-path-into-broken-json", "refused-token");
    for (String name : failing) {
      Condition c = await().atMost(PatientMockClient.WAIT).until(() -> ready(name), Optional::isPresent).get();
      assertThat(c.status).as("%s failed", name).isEqualTo("False");
      assertThat(client.secrets().inNamespace("leaks").withName(name).get()).as("no Secret for %s", name).isNull();
      // each failure has its Warning Event and its log line (both written around the status, not before it)
      await().atMost(PatientMockClient.WAIT).until(() -> client.v1().events().inNamespace("leaks").list().getItems().stream()
          .anyMatch(e -> "Warning".equals(e.getType()) && name.equals(e.getInvolvedObject().getName())));
      await().atMost(PatientMockClient.WAIT).until(() -> logs.text().contains("namespace=leaks name=" + name + " outcome=failed"));
    }
    await().atMost(PatientMockClient.WAIT).until(() -> storeReady("vault-refused"), c -> c.isPresent() && "False".equals(c.get().status));
    await().atMost(PatientMockClient.WAIT).until(controller::idle); // the Events recorded so far are written

    String events = JSON.writeValueAsString(client.v1().events().inAnyNamespace().list().getItems());
    String statuses = JSON.writeValueAsString(client.resources(ExternalSecret.class).inAnyNamespace().list().getItems().stream().map(ExternalSecret::getStatus).toList())
        + JSON.writeValueAsString(client.resources(ClusterSecretStore.class).list().getItems().stream().map(ClusterSecretStore::getStatus).toList());
    for (String canary : CANARIES) {
      assertThat(logs.text()).as("logs").doesNotContain(canary);
      assertThat(events).as("events").doesNotContain(canary);
      assertThat(statuses).as("statuses").doesNotContain(canary);
    }
  }

  private void create(String name, String store, String specTail) {
    client.resources(ExternalSecret.class).resource(YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: %s, namespace: leaks}
        spec:
          refreshInterval: 1h
          secretStoreRef: {kind: ClusterSecretStore, name: %s}
          %s
        """.formatted(name, store, specTail), ExternalSecret.class)).create();
  }

  private static void tokenSecret(String name, String token) {
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))).build()).createOr(r -> r.update());
  }

  private static Optional<Condition> ready(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("leaks").withName(name).get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return Optional.empty();
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst();
  }

  private static Optional<Condition> storeReady(String name) {
    ClusterSecretStore s = client.resources(ClusterSecretStore.class).withName(name).get();
    if (s == null || s.getStatus() == null || s.getStatus().conditions == null) return Optional.empty();
    return s.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst();
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}

package io.secretgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.ControllerSettings;
import io.secretgate.sync.SyncController;
import io.secretgate.sync.SyncMetrics;
import io.secretgate.testing.StoreFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.vault.VaultContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The seed scenario end to end on a real cluster and a real Vault (Testcontainers k3s + Vault dev
 * mode; skipped without Docker): our generated CRDs, KV v2 data, a narrow policy and a token made
 * with the root token, the controller in-process against k3s, then a token Secret, a
 * ClusterSecretStore and one ExternalSecret per app; the Secrets appear with Vault's values, the
 * ExternalSecrets are Ready, and a Pod reading its Secret through {@code envFrom} succeeds.
 */
@Testcontainers(disabledWithoutDocker = true)
class SeedScenarioE2E {
  private static final String ROOT_TOKEN = "root-for-setup-only";
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> APPS = Map.of("payments", "pay-s3cr3t", "orders", "ord-s3cr3t");

  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  @Container
  static final VaultContainer<?> VAULT = new VaultContainer<>(DockerImageName.parse("hashicorp/vault:1.18.3")).withVaultToken(ROOT_TOKEN);

  static KubernetesClient client;
  static SyncController controller;

  @BeforeAll
  static void clusterVaultAndController() throws Exception {
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
    installCrds();
    for (Map.Entry<String, String> app : APPS.entrySet()) {
      vault("POST", "secret/data/apps/" + app.getKey() + "/db",
          Map.of("data", Map.of("username", app.getKey(), "password", app.getValue())), ROOT_TOKEN);
    }
    vault("PUT", "sys/policy/secretgate-sync", Map.of("policy", resource("/io/secretgate/e2e/sync-policy.hcl")), ROOT_TOKEN);
    String syncToken = vault("POST", "auth/token/create", Map.of("policies", List.of("secretgate-sync"), "ttl", "1h"), ROOT_TOKEN)
        .get("auth").get("client_token").asString();
    for (String ns : List.of("secretgate", "payments", "orders")) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToStringData("token", syncToken + "\n").build()).create();
    controller = new SyncController(client, new ControllerSettings(true, List.of(), 4, 50, 100, Duration.ofMinutes(5)),
        new SyncMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    controller.start();
    await().atMost(Duration.ofSeconds(60)).until(controller::ready);
  }

  @AfterAll
  static void stop() {
    if (controller != null) controller.stop(Duration.ofSeconds(5));
    if (client != null) client.close();
  }

  @Test
  void a_token_secret_a_cluster_store_and_one_external_secret_per_app_give_each_app_its_secret_and_a_pod_reads_it() {
    client.resources(ClusterSecretStore.class).resource(StoreFixtures.clusterStore("vault-backend", VAULT.getHttpHostAddress(), "")).create();
    for (String app : APPS.keySet()) {
      client.resources(ExternalSecret.class).resource(YAML.readValue("""
          apiVersion: external-secrets.io/v1
          kind: ExternalSecret
          metadata: {name: db-credentials, namespace: %s}
          spec:
            refreshInterval: 1h
            secretStoreRef: {kind: ClusterSecretStore, name: vault-backend}
            target: {name: db-credentials}
            data:
              - secretKey: DB_USER
                remoteRef: {key: apps/%s/db, property: username}
              - secretKey: DB_PASSWORD
                remoteRef: {key: apps/%s/db, property: password}
          """.formatted(app, app, app), ExternalSecret.class)).create();
    }

    for (Map.Entry<String, String> app : APPS.entrySet()) {
      Secret secret = await().atMost(Duration.ofSeconds(60))
          .until(() -> client.secrets().inNamespace(app.getKey()).withName("db-credentials").get(), s -> s != null);
      assertThat(decode(secret.getData())).containsExactly(Map.entry("DB_PASSWORD", app.getValue()), Map.entry("DB_USER", app.getKey()));
      Condition ready = await().atMost(Duration.ofSeconds(60)).until(() -> ready(app.getKey()), c -> c != null && "True".equals(c.status));
      assertThat(ready.reason).isEqualTo("SecretSynced");
    }
    Condition store = await().atMost(Duration.ofSeconds(60)).until(SeedScenarioE2E::storeReady, c -> c != null && "True".equals(c.status));
    assertThat(store.reason).isEqualTo("Valid");

    Pod pod = new PodBuilder().withNewMetadata().withName("reads-its-secret").withNamespace("payments").endMetadata()
        .withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("check").withImage("busybox:1.37")
        .withCommand("sh", "-c", "test \"$DB_PASSWORD\" = \"" + APPS.get("payments") + "\" && test \"$DB_USER\" = payments")
        .addNewEnvFrom().withNewSecretRef().withName("db-credentials").endSecretRef().endEnvFrom()
        .endContainer().endSpec().build();
    // the namespace's default ServiceAccount may not exist yet right after the namespace was made
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.pods().inNamespace("payments").resource(pod).create() != null);
    String phase = await().atMost(Duration.ofMinutes(4)).until(
        () -> client.pods().inNamespace("payments").withName("reads-its-secret").get().getStatus().getPhase(),
        p -> "Succeeded".equals(p) || "Failed".equals(p));
    assertThat(phase).isEqualTo("Succeeded");
  }

  private static void installCrds() throws IOException {
    for (String crd : List.of("externalsecrets", "clustersecretstores", "secretstores")) {
      try (InputStream in = SeedScenarioE2E.class.getResourceAsStream("/META-INF/fabric8/" + crd + ".external-secrets.io-v1.yml")) {
        CustomResourceDefinition def = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.apiextensions().v1().customResourceDefinitions().resource(def).create();
      }
    }
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      client.resources(ExternalSecret.class).inAnyNamespace().list();
      client.resources(ClusterSecretStore.class).list();
      return true;
    });
  }

  /** One Vault API call; the answer's JSON (empty object for 204). */
  private static JsonNode vault(String method, String path, Object body, String token) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(VAULT.getHttpHostAddress() + "/v1/" + path))
        .header("X-Vault-Token", token)
        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s", method, path).isBetween(200, 204);
    return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SeedScenarioE2E.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Condition ready(String namespace) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace(namespace).withName("db-credentials").get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return null;
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }

  private static Condition storeReady() {
    ClusterSecretStore s = client.resources(ClusterSecretStore.class).withName("vault-backend").get();
    if (s == null || s.getStatus() == null || s.getStatus().conditions == null) return null;
    return s.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst().orElse(null);
  }

  private static Map<String, String> decode(Map<String, String> data) {
    Map<String, String> out = new TreeMap<>();
    data.forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }
}

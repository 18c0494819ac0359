package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.Enforcement;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.admission.VaultUnavailablePolicy;
import io.secretgate.testing.Crds;
import io.secretgate.testing.Eventually;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.vault.DriverVaultGateway;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The validating admission with online facts, wired as the app wires it: stores and namespaces from
 * informers over the mock API server, policies from FakeVault asked with the store's token read from
 * its watched Secret ({@link WatchedObjects}).
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class WebhookOnlineFactsIT {
  static final Path FIXTURES = Path.of("src/test/resources/io/secretgate/admission");
  static final String CAPABILITIES = "POST sys/capabilities-self";
  static final JsonMapper JSON = JsonMapper.builder().build();
  static KubernetesMockServer server;
  static KubernetesClient client;
  static FakeVault vault;
  static WebhookInformers informers;
  static WatchedObjects watched;

  @BeforeAll
  static void cluster() throws Exception {
    Crds.install(client);
    vault = new FakeVault();
    vault.token("token-1", new FakeVault.TokenInfo(List.of(PolicyFiles.load(FIXTURES.resolve("policy.hcl"))), 3600));
    vault.token("token-2", new FakeVault.TokenInfo(List.of(PolicyFiles.load(FIXTURES.resolve("policy.hcl"))), 3600));
    String yaml = Files.readString(FIXTURES.resolve("cluster.yaml")).replace("https://vault.vault.svc:8200", vault.address().toString());
    for (HasMetadata item : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
      client.resource(item).create();
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("secretgate").endMetadata().build()).create();
    writeToken("token-1");
    informers = WebhookInformers.start(client, PatientMockClient.WAIT);
    watched = new WatchedObjects(client, WatchedObjects.CAPACITY, java.time.Clock.systemUTC(), PatientMockClient.WAIT);
    Eventually.await(PatientMockClient.WAIT, "informers synced", informers::synced);
  }

  @AfterAll
  static void stop() {
    watched.close();
    informers.close();
    vault.close();
  }

  @BeforeEach
  void healthyVault() {
    vault.sealed(false);
  }

  static void writeToken(String token) {
    writeToken("secretgate", token);
  }

  static void writeToken(String namespace, String token) {
    client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .withData(Map.of("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)))).build()).createOr(r -> r.update());
  }

  /** Writes token-1 back and waits until the watch has it, so that the next test starts from it. */
  static void restoreToken() {
    writeToken("token-1");
    Eventually.await(PatientMockClient.WAIT, "token-1 back in the watched Secret", () -> {
      io.fabric8.kubernetes.api.model.Secret s = watched.secret("secretgate", "vault-token");
      return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8).equals("token-1");
    });
  }

  static ValidatingAdmission admission(VaultUnavailablePolicy onVaultUnavailable) {
    VaultPolicyOracle oracle = new VaultPolicyOracle(VaultPolicyOracle.tokensFrom(new TokenReader(watched)), VaultPolicyOracle.casFrom(new CaReader(watched)),
        VaultPolicyOracle.clientCertificatesFrom(new ClientCertificateReader(watched)), DriverVaultGateway::new,
        Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(2));
    return new ValidatingAdmission(CrdSchemas.fromClasspath(), informers.lookup(), oracle, new AdmissionSettings(Enforcement.DENY, onVaultUnavailable));
  }

  static JsonNode answer(ValidatingAdmission admission, String request) {
    try {
      return answer(admission, Files.readAllBytes(FIXTURES.resolve("requests").resolve(request)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode answer(ValidatingAdmission admission, byte[] review) {
    return JSON.readTree(admission.answer(review).body()).get("response");
  }

  @Test
  void a_referent_store_is_checked_with_the_token_in_the_external_secrets_namespace() throws Exception {
    String yaml = Files.readString(FIXTURES.resolve("referent-store.yaml")).replace("https://vault.vault.svc:8200", vault.address().toString());
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().forEach(item -> client.resource(item).createOr(r -> r.update()));
    Eventually.await(PatientMockClient.WAIT, "the informers see the referent store",
        () -> informers.lookup().find(io.secretgate.api.StoreKind.ClusterSecretStore, "vault-referent", null).isPresent());
    writeToken("orders", "token-2");
    byte[] review = Files.readString(FIXTURES.resolve("requests/create-v1-denied-path.json"))
        .replace("\"name\": \"vault-backend\"", "\"name\": \"vault-referent\"").getBytes(StandardCharsets.UTF_8);

    JsonNode r = answer(admission(VaultUnavailablePolicy.WARN), review);

    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.at("/status/message").asText()).contains("ClusterSecretStore \"vault-referent\" lacks \"read\" on Vault path \"secret/data/infra/root-ca\"");
    assertThat(vault.lastRequest().token()).isEqualTo("token-2");
  }

  /** How many API requests answering {@code request} made. */
  static int apiCallsOf(ValidatingAdmission admission, String request) {
    int before = server.getRequestCount();
    assertThat(answer(admission, request).get("allowed").asBoolean()).isTrue();
    return server.getRequestCount() - before;
  }

  @Test
  void the_store_comes_from_the_informers_and_once_its_token_secret_is_watched_a_request_makes_no_api_call() throws Exception {
    ValidatingAdmission admission = admission(VaultUnavailablePolicy.WARN);
    Eventually.await(PatientMockClient.WAIT, "the token Secret answered from its watch", () -> apiCallsOf(admission, "create-v1-allowed.json") == 0);

    for (int i = 0; i < 20; i++) {
      assertThat(apiCallsOf(admission, "create-v1-allowed.json")).isZero();
    }
    assertThat(watched.watched()).isEqualTo(1);
  }

  @Test
  void a_store_and_namespace_created_after_the_informers_last_event_are_read_from_the_api_not_reported_missing() {
    // Informers stopped after listing hold what a live cache holds before the watch events of a
    // store and namespace just created (kubectl apply -f of a SecretStore, then its ExternalSecret) arrive.
    WebhookInformers lagging = WebhookInformers.start(client, PatientMockClient.WAIT);
    Eventually.await(PatientMockClient.WAIT, "informers synced", lagging::synced);
    lagging.stopWatching();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fresh").addToLabels("secretgate.io/enforcement", "warn")
        .endMetadata().build()).create();
    client.resource(Serialization.unmarshal("""
        apiVersion: external-secrets.io/v1
        kind: SecretStore
        metadata: {name: fresh-vault, namespace: fresh}
        spec:
          provider:
            vault: {server: "https://vault.vault.svc:8200", path: secret, version: v2, auth: {tokenSecretRef: {name: vault-token, key: token}}}
        """, io.secretgate.api.SecretStore.class)).create();

    assertThat(lagging.lookup().find(io.secretgate.api.StoreKind.SecretStore, "fresh-vault", "fresh")).isPresent();
    assertThat(lagging.lookup().namespaceLabels("fresh")).hasValueSatisfying(l -> assertThat(l).containsEntry("secretgate.io/enforcement", "warn"));
    assertThat(lagging.lookup().find(io.secretgate.api.StoreKind.SecretStore, "never-created", "fresh")).isEmpty();
    lagging.close();
  }

  @Test
  void a_store_without_a_token_ref_is_said_to_be_unchecked_for_that_reason_not_for_cli_flags_a_kubectl_user_cannot_give() throws Exception {
    client.resource(Serialization.unmarshal("""
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata: {name: vault-kubernetes-auth}
        spec:
          provider:
            vault:
              server: "https://vault.vault.svc:8200"
              path: secret
              version: v2
              auth: {kubernetes: {mountPath: kubernetes, role: eso}}
        """, io.secretgate.api.ClusterSecretStore.class)).createOr(r -> r.update());
    byte[] review = Files.readString(FIXTURES.resolve("requests/create-v1-allowed.json"))
        .replace("\"name\": \"vault-backend\"", "\"name\": \"vault-kubernetes-auth\"").getBytes(StandardCharsets.UTF_8);

    JsonNode r = answer(admission(VaultUnavailablePolicy.WARN), review);

    assertThat(r.get("allowed").asBoolean()).isTrue();
    List<String> warnings = r.get("warnings").valueStream().map(JsonNode::asString).toList();
    assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("--policy"))
        .contains("paths of ClusterSecretStore \"vault-kubernetes-auth\" not checked: it has no tokenSecretRef to ask Vault with");
  }

  @Test
  void capabilities_are_asked_once_per_request_for_all_paths_then_cached() throws Exception {
    ValidatingAdmission admission = admission(VaultUnavailablePolicy.WARN);
    int before = vault.count(CAPABILITIES);

    JsonNode denied = answer(admission, "create-v1-denied-path.json");
    assertThat(vault.count(CAPABILITIES) - before).isEqualTo(1);
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(denied.at("/status/message").asText()).contains("secret/data/infra/root-ca");

    JsonNode again = answer(admission, "create-v1-denied-path.json");
    assertThat(vault.count(CAPABILITIES) - before).isEqualTo(1);
    assertThat(again.get("allowed").asBoolean()).isFalse();
  }

  @Test
  void a_rotated_token_is_a_new_digest_and_vault_is_asked_again_with_the_new_token() throws Exception {
    ValidatingAdmission admission = admission(VaultUnavailablePolicy.WARN);
    answer(admission, "create-v1-allowed.json");
    int before = vault.count(CAPABILITIES);
    try {
      writeToken("token-2");

      Eventually.await(PatientMockClient.WAIT, "Vault asked with the new token", () -> {
        assertThat(answer(admission, "create-v1-allowed.json").get("allowed").asBoolean()).isTrue();
        return vault.lastRequest().token().equals("token-2");
      });
      int asked = vault.count(CAPABILITIES) - before;
      answer(admission, "create-v1-allowed.json");
      assertThat(vault.count(CAPABILITIES) - before).as("the new token's answers are cached in turn").isEqualTo(asked);
    } finally {
      restoreToken();
    }
  }

  @Test
  void vault_down_allows_with_a_warning_when_on_vault_unavailable_is_warn() throws Exception {
    vault.sealed(true);

    JsonNode r = answer(admission(VaultUnavailablePolicy.WARN), "create-v1-allowed.json");

    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.get("warnings").valueStream().map(JsonNode::asString).toList())
        .contains("paths of ClusterSecretStore \"vault-backend\" not checked: Vault could not be asked")
        .anySatisfy(w -> assertThat(w).endsWith("Vault is sealed (HTTP 503)"));
  }

  @Test
  void a_token_vault_refuses_is_named_by_its_secret_never_by_its_value_in_warnings_and_denials() throws Exception {
    String refused = "s.CANARY-WEBHOOK-TOKEN-31c7";
    try {
      writeToken(refused);
      Eventually.await(PatientMockClient.WAIT, "the refused token in use", () -> answer(admission(VaultUnavailablePolicy.WARN), "create-v1-allowed.json")
          .has("warnings"));

      JsonNode warned = answer(admission(VaultUnavailablePolicy.WARN), "create-v1-allowed.json");
      JsonNode denied = answer(admission(VaultUnavailablePolicy.DENY), "create-v1-allowed.json");

      assertThat(warned.get("allowed").asBoolean()).isTrue();
      assertThat(warned.get("warnings").toString()).contains("permission denied (HTTP 403)").doesNotContain("CANARY-WEBHOOK-TOKEN");
      assertThat(denied.get("allowed").asBoolean()).isFalse();
      assertThat(denied.toString()).contains("permission denied").doesNotContain("CANARY-WEBHOOK-TOKEN");
    } finally {
      restoreToken();
    }
  }

  @Test
  void vault_down_denies_when_on_vault_unavailable_is_deny() throws Exception {
    vault.sealed(true);

    JsonNode r = answer(admission(VaultUnavailablePolicy.DENY), "create-v1-allowed.json");

    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.at("/status/message").asText()).contains("on-vault-unavailable is deny");
  }
}

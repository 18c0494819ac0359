package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.TestCa;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.Store;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook's {@link VaultPolicyOracle} against a Vault behind a private CA: it trusts the
 * store's {@code caProvider} as the controller does, and says plainly when that CA cannot be had.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class VaultPolicyOracleTlsIT {
  static KubernetesClient client;
  static TestCa ca;
  static FakeVault vault;
  static String ns;

  @BeforeAll
  static void tlsVaultAndItsCa() throws Exception {
    ca = TestCa.create("vault-ca");
    vault = FakeVault.https(ca.serverContext())
        .token("s.webhook", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/admission/policy.hcl"))), 3600));
    ns = KubeFixtures.freshNamespace();
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToData("token", b64("s.webhook")).build()).create();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("vault-ca").endMetadata()
        .addToData("ca.crt", ca.pem()).build()).create();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("not-a-ca").endMetadata()
        .addToData("ca.crt", "this is not a certificate").build()).create();
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void a_store_whose_vault_ca_comes_from_a_config_map_is_checked_against_its_policy() {
    Map<String, List<String>> answer = oracle().capabilities(store("ca-from-config-map"), List.of("secret/data/apps/db", "secret/data/infra/root"))
        .orElseThrow();

    assertThat(answer).containsEntry("secret/data/apps/db", List.of("read")).containsEntry("secret/data/infra/root", List.of("deny"));
  }

  @Test
  void a_missing_ca_provider_secret_is_named_in_the_reason_the_paths_were_not_checked() {
    PolicyUnavailableException e = catchThrowableOfType(PolicyUnavailableException.class,
        () -> oracle().capabilities(store("ca-from-missing-secret"), List.of("secret/data/apps/db")));

    assertThat(e.getMessage()).isEqualTo("the Vault CA of ClusterSecretStore \"ca-from-missing-secret\" cannot be read"
        + " (caProvider Secret " + ns + "/no-such-ca not found)");
  }

  @Test
  void a_ca_provider_that_holds_no_certificate_is_reported_as_not_usable_without_a_class_name() {
    PolicyUnavailableException e = catchThrowableOfType(PolicyUnavailableException.class,
        () -> oracle().capabilities(store("ca-not-pem"), List.of("secret/data/apps/db")));

    assertThat(e.getMessage()).isEqualTo("the Vault CA of ClusterSecretStore \"ca-not-pem\" is not usable (the CA bundle holds no PEM certificate)");
  }

  @Test
  void a_server_that_is_not_an_http_address_is_the_reason_in_words_not_an_exception_name() {
    PolicyUnavailableException e = catchThrowableOfType(PolicyUnavailableException.class,
        () -> oracle().capabilities(store("server-not-a-url"), List.of("secret/data/apps/db")));

    assertThat(e.getMessage()).isEqualTo("no Vault client can be made for ClusterSecretStore \"server-not-a-url\""
        + " (the Vault server must be an http:// or https:// address, e.g. https://vault.vault.svc:8200)");
  }

  @Test
  void a_store_that_does_not_trust_its_vault_does_not_hold_back_a_store_of_the_same_vault_that_does() {
    // One team's store without the CA fails its TLS handshake; the Vault did answer, so another store
    // of that Vault, with the right CA, is asked at once rather than refused with the first one's reason.
    VaultPolicyOracle oracle = oracle();
    PolicyUnavailableException e = catchThrowableOfType(PolicyUnavailableException.class,
        () -> oracle.capabilities(store("ca-not-given"), List.of("secret/data/apps/db")));
    assertThat(e.getMessage()).contains("TLS handshake failed");

    assertThat(oracle.capabilities(store("ca-from-config-map"), List.of("secret/data/apps/db")).orElseThrow())
        .containsEntry("secret/data/apps/db", List.of("read"));
  }

  private static VaultPolicyOracle oracle() {
    return OracleFixtures.oracle(client);
  }

  private static Store store(String name) {
    return OracleFixtures.store(client, "/io/secretgate/kube/vault-ca/stores.yaml", vault.address(), ns, name);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

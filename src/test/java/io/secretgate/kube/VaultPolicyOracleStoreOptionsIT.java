package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.TestCa;
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
 * The webhook's {@link VaultPolicyOracle} reaches Vault with the store's request options
 * ({@code headers}, ...) as the controller does, so a Vault that needs them is asked, not refused.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class VaultPolicyOracleStoreOptionsIT {
  static final String STORES = "/io/secretgate/kube/store-options/stores.yaml";
  static KubernetesClient client;
  static FakeVault vault;
  static String ns;

  @BeforeAll
  static void vaultAndToken() throws Exception {
    vault = new FakeVault()
        .token("s.webhook", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/admission/policy.hcl"))), 3600));
    ns = KubeFixtures.freshNamespace();
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToData("token", b64("s.webhook")).build()).create();
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void the_headers_of_a_store_go_with_the_capabilities_request() {
    vault.requireHeader("X-Gateway-Key", "gw-key-7a2c");

    Map<String, List<String>> answer = oracle().capabilities(store("with-headers"), List.of("secret/data/apps/db")).orElseThrow();

    assertThat(answer).containsEntry("secret/data/apps/db", List.of("read"));
  }

  @Test
  void a_vault_that_wants_a_client_certificate_gets_the_one_the_store_names() throws Exception {
    TestCa vaultCa = TestCa.create("vault-ca");
    TestCa clientCa = TestCa.create("client-ca");
    TestCa.ClientPems pems = clientCa.clientCertificate("secretgate-webhook");
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("vault-ca").endMetadata()
        .addToData("ca.crt", vaultCa.pem()).build()).createOr(r -> r.update());
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("vault-client").endMetadata()
        .withType("kubernetes.io/tls").addToData("tls.crt", b64(pems.certificate())).addToData("tls.key", b64(pems.key())).build())
        .createOr(r -> r.update());
    try (FakeVault mtls = FakeVault.httpsRequiringClientCertificate(vaultCa.serverContext(clientCa))) {
      mtls.token("s.webhook", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/admission/policy.hcl"))), 3600));
      Store store = OracleFixtures.store(client, STORES, mtls.address(), ns, "with-client-certificate");

      Map<String, List<String>> answer = oracle().capabilities(store, List.of("secret/data/apps/db")).orElseThrow();

      assertThat(answer).containsEntry("secret/data/apps/db", List.of("read"));
    }
  }

  private static VaultPolicyOracle oracle() {
    return OracleFixtures.oracle(client);
  }

  private static Store store(String name) {
    return OracleFixtures.store(client, STORES, vault.address(), ns, name);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}

package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.StoreKind;
import io.secretgate.kube.CaReader;
import io.secretgate.kube.ClientCertificateReader;
import io.secretgate.kube.StoreStatusWriter;
import io.secretgate.kube.TokenReader;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.testing.StoreFixtures;
import io.secretgate.testing.TestCa;
import io.secretgate.validation.Store;
import io.secretgate.vault.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link StoreReadiness#verdict} against FakeVault: the reason, the fixed message and the detail the log line gives. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class StoreReadinessIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  FakeVault vault;
  StoreReadiness readiness;

  @BeforeEach
  void vaultAndToken() throws Exception {
    vault = new FakeVault().mountV2("secret").token("s.store-token", new FakeVault.TokenInfo(List.of(Policy.root()), 0));
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToData("token", Base64.getEncoder().encodeToString("s.store-token".getBytes(StandardCharsets.UTF_8))).build())
        .createOr(r -> r.update());
    VaultConnections vaults = new VaultConnections(new TokenReader(client), new CaReader(client), new ClientCertificateReader(client), new ReadCache(Clock.systemUTC(), Duration.ofSeconds(30)),
        Duration.ofSeconds(5), new SyncMetrics(new SimpleMeterRegistry()));
    readiness = new StoreReadiness(vaults, new StoreStatusWriter(client, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void a_vault_that_was_never_initialised_is_said_to_be_not_initialised_not_sealed() {
    vault.uninitialised(true);
    StoreReadiness.Verdict v = readiness.verdict(store(vault.address().toString()));
    assertThat(v.ready()).isFalse();
    assertThat(v.reason()).isEqualTo("InvalidProviderConfig");
    assertThat(v.message()).isEqualTo("unable to validate store");
    assertThat(v.detail()).contains("not initialised").doesNotContain("sealed");
  }

  @Test
  void a_sealed_vault_is_named_without_the_user_info_of_the_server_address() {
    vault.sealed(true);
    String server = vault.address().toString().replace("://", "://admin:pa55w0rd@");
    StoreReadiness.Verdict v = readiness.verdict(store(server));
    assertThat(v.ready()).isFalse();
    assertThat(v.detail()).isEqualTo("Vault at " + vault.address() + " is sealed");
  }

  @Test
  void an_empty_ca_bundle_is_no_ca_bundle_as_in_eso_and_the_jvm_trust_store_is_used() {
    StoreReadiness.Verdict v = readiness.verdict(store(vault.address().toString(), "caBundle: \"\""));
    assertThat(v.ready()).as(v.detail()).isTrue();
    assertThat(v.message()).isEqualTo("store validated");
  }

  @Test
  void the_headers_of_a_store_go_with_every_request_so_a_vault_behind_a_gateway_that_wants_one_is_ready() {
    vault.requireHeader("X-Gateway-Key", "gw-key-5e1f");
    StoreReadiness.Verdict v = readiness.verdict(store(vault.address().toString(), "headers: {X-Gateway-Key: gw-key-5e1f}"));
    assertThat(v.ready()).as(v.detail()).isTrue();
    assertThat(vault.requests()).extracting(r -> r.header("X-Gateway-Key")).containsOnly("gw-key-5e1f").hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void forward_inconsistent_with_read_your_writes_asks_vault_to_forward_to_the_active_node_as_eso_does() {
    readiness.verdict(store(vault.address().toString(), "readYourWrites: true\n      forwardInconsistent: true"));
    assertThat(vault.lastRequest().header("X-Vault-Inconsistent")).isEqualTo("forward-active-node");
  }

  @Test
  void a_header_that_http_cannot_carry_makes_the_store_not_ready_naming_the_header_but_not_its_value() {
    StoreReadiness.Verdict v = readiness.verdict(store(vault.address().toString(), "headers: {\"Bad Name\": s3cr3t-value}"));
    assertThat(v.ready()).isFalse();
    assertThat(v.message()).isEqualTo("unable to create client");
    assertThat(v.detail()).contains("\"Bad Name\"").doesNotContain("s3cr3t-value");
  }

  @Test
  void a_vault_that_wants_a_client_certificate_gets_the_one_named_by_tls_cert_and_key_secret_refs() throws Exception {
    TestCa vaultCa = TestCa.create("vault-ca");
    TestCa clientCa = TestCa.create("client-ca");
    TestCa.ClientPems pems = clientCa.clientCertificate("secretgate");
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-client").endMetadata()
        .withType("kubernetes.io/tls").addToData("tls.crt", b64(pems.certificate())).addToData("tls.key", b64(pems.key())).build())
        .createOr(r -> r.update());
    try (FakeVault mtls = FakeVault.httpsRequiringClientCertificate(vaultCa.serverContext(clientCa))) {
      mtls.token("s.store-token", new FakeVault.TokenInfo(List.of(Policy.root()), 0));
      String tls = "caBundle: " + b64(vaultCa.pem()) + "\n      tls: {certSecretRef: {name: vault-client, namespace: secretgate},"
          + " keySecretRef: {name: vault-client, namespace: secretgate}}";

      StoreReadiness.Verdict v = readiness.verdict(store(mtls.address().toString(), tls));

      assertThat(v.ready()).as(v.detail()).isTrue();
    }
  }

  @Test
  void a_client_key_pasted_on_one_line_makes_the_store_not_ready_without_the_key_in_the_detail() throws Exception {
    TestCa.ClientPems pems = TestCa.create("client-ca").clientCertificate("secretgate");
    String oneLine = pems.key().strip().replace("\n", "");
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-client-one-line").endMetadata()
        .withType("kubernetes.io/tls").addToData("tls.crt", b64(pems.certificate())).addToData("tls.key", b64(oneLine)).build())
        .createOr(r -> r.update());
    String tls = "tls: {certSecretRef: {name: vault-client-one-line, namespace: secretgate},"
        + " keySecretRef: {name: vault-client-one-line, namespace: secretgate}}";

    StoreReadiness.Verdict v = readiness.verdict(store(vault.address().toString(), tls));

    String keyBody = oneLine.substring(oneLine.indexOf("-----", 5) + 5, oneLine.lastIndexOf("-----END"));
    assertThat(v.ready()).isFalse();
    assertThat(v.detail()).contains("tls.keySecretRef Secret secretgate/vault-client-one-line key tls.key line 1", "line breaks")
        .doesNotContain(keyBody.substring(keyBody.length() - 24));
  }

  @Test
  void a_client_certificate_secret_that_is_missing_makes_the_store_not_ready_naming_it() {
    String tls = "tls: {certSecretRef: {name: no-such-client, namespace: secretgate}, keySecretRef: {name: no-such-client, namespace: secretgate}}";
    StoreReadiness.Verdict v = readiness.verdict(store(vault.address().toString(), tls));
    assertThat(v.ready()).isFalse();
    assertThat(v.message()).isEqualTo("unable to create client");
    assertThat(v.detail()).isEqualTo("tls.certSecretRef: Secret secretgate/no-such-client not found");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "name | auth.tokenSecretRef names no Secret (name is missing)",
      "key  | auth.tokenSecretRef names no key of Secret secretgate/vault-token (key is missing)"})
  void a_token_ref_without_a_secret_name_or_key_is_not_ready_and_says_which(String missing, String detail) {
    Store store = store(vault.address().toString());
    SecretKeySelector ref = store.spec().provider.vault.auth.tokenSecretRef;
    if (missing.equals("name")) ref.name = null;
    else ref.key = null;
    StoreReadiness.Verdict v = readiness.verdict(store);
    assertThat(v.ready()).isFalse();
    assertThat(v.message()).isEqualTo("unable to create client");
    assertThat(v.detail()).isEqualTo(detail);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Store store(String server) {
    return store(server, "");
  }

  private static Store store(String server, String extraVaultFields) {
    return new Store(StoreKind.ClusterSecretStore, "vault-backend", null,
        StoreFixtures.clusterStore("vault-backend", server, extraVaultFields).getSpec());
  }
}

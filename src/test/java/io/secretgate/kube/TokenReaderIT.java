package io.secretgate.kube;

import static io.secretgate.kube.KubeFixtures.createSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.StoreKind;
import io.secretgate.kube.TokenReadException.Kind;
import io.secretgate.testing.PatientMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TokenReader}: the store's token Secret, per ESO's namespace rules, trimmed, never in an error. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class TokenReaderIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final String TOKEN = "hvs.CAESIFakeTokenForTests";

  String vaultNs;
  String appNs;
  TokenReader reader;

  @BeforeEach
  void aTokenSecretInTheVaultNamespace() {
    vaultNs = KubeFixtures.freshNamespace();
    appNs = KubeFixtures.freshNamespace();
    createSecret(client, vaultNs, "token-secret.yaml");
    reader = new TokenReader(client);
  }

  static SecretKeySelector ref(String namespace, String name, String key) {
    SecretKeySelector ref = new SecretKeySelector();
    ref.namespace = namespace;
    ref.name = name;
    ref.key = key;
    return ref;
  }

  @Test
  void returns_the_token_without_its_trailing_newline() {
    assertThat(reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "token"), vaultNs)).isEqualTo(TOKEN);
  }

  @Test
  void a_secretstore_reads_from_its_own_namespace() {
    assertThat(TokenReader.namespace(StoreKind.SecretStore, "team-a", ref(null, "t", "k"), "team-a")).isEqualTo("team-a");
    assertThat(reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "token"), vaultNs)).isEqualTo(TOKEN);
  }

  @Test
  void a_clustersecretstore_reads_from_the_namespace_of_its_ref() {
    assertThat(reader.read(StoreKind.ClusterSecretStore, null, ref(vaultNs, "vault-token", "token"), appNs)).isEqualTo(TOKEN);
  }

  @Test
  void a_clustersecretstore_ref_without_namespace_is_read_in_the_externalsecrets_namespace() {
    TokenReadException inApp = catchThrowableOfType(TokenReadException.class,
        () -> reader.read(StoreKind.ClusterSecretStore, null, ref(null, "vault-token", "token"), appNs));
    assertThat(inApp.kind()).isEqualTo(Kind.SECRET_MISSING);
    assertThat(inApp).hasMessage("token Secret " + appNs + "/vault-token not found");

    assertThat(reader.read(StoreKind.ClusterSecretStore, null, ref(null, "vault-token", "token"), vaultNs)).isEqualTo(TOKEN);
  }

  @Test
  void a_missing_key_names_the_key_but_not_the_token() {
    TokenReadException e = catchThrowableOfType(TokenReadException.class,
        () -> reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "vault-token"), vaultNs));

    assertThat(e.kind()).isEqualTo(Kind.KEY_MISSING);
    assertThat(e).hasMessage("token Secret " + vaultNs + "/vault-token has no key \"vault-token\"").hasNoCause();
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void a_key_holding_only_whitespace_is_empty() {
    client.secrets().inNamespace(vaultNs).withName("vault-token").edit(s -> {
      s.getData().put("blank", "IAo=");
      return s;
    });

    assertThat(catchThrowableOfType(TokenReadException.class,
        () -> reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "blank"), vaultNs)).kind()).isEqualTo(Kind.EMPTY);
  }

  @Test
  void a_forbidden_read_is_typed() {
    server.expect().get().withPath("/api/v1/namespaces/" + vaultNs + "/secrets/vault-token")
        .andReturn(403, new StatusBuilder().withCode(403).build()).once();

    TokenReadException e = catchThrowableOfType(TokenReadException.class,
        () -> reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "token"), vaultNs));

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(e).hasMessage("token Secret " + vaultNs + "/vault-token may not be read (HTTP 403)").hasNoCause();
  }

  @Test
  void a_rotated_token_is_read_on_the_next_call() {
    reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "token"), vaultNs);
    client.secrets().inNamespace(vaultNs).withName("vault-token").edit(s -> {
      s.getData().put("token", "aHZzLnJvdGF0ZWQ=");
      return s;
    });

    assertThat(reader.read(StoreKind.SecretStore, vaultNs, ref(null, "vault-token", "token"), vaultNs)).isEqualTo("hvs.rotated");
  }
}

package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CaProvider;
import io.secretgate.api.StoreKind;
import io.secretgate.testing.PatientMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CaReader}: a store's caProvider from a ConfigMap or Secret, per ESO's namespace rule. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class CaReaderIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  String ns;
  CaReader reader;

  @BeforeEach
  void caObjects() {
    ns = KubeFixtures.freshNamespace();
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("vault-ca").endMetadata()
        .addToData("ca.crt", PEM).addToBinaryData("ca.der.pem", b64(PEM)).build()).create();
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("vault-ca").endMetadata()
        .addToData("ca.crt", b64(PEM)).build()).create();
    reader = new CaReader(client);
  }

  @Test
  void a_secretstore_reads_its_config_map_in_its_own_namespace_whatever_the_ref_says() {
    assertThat(reader.read(StoreKind.SecretStore, ns, ca(CaProvider.Type.ConfigMap, "vault-ca", "ca.crt", "elsewhere"))).isEqualTo(PEM);
  }

  @Test
  void a_clustersecretstore_reads_a_secret_in_the_named_namespace_decoded() {
    assertThat(reader.read(StoreKind.ClusterSecretStore, null, ca(CaProvider.Type.Secret, "vault-ca", "ca.crt", ns))).isEqualTo(PEM);
  }

  @Test
  void a_config_map_key_in_binary_data_is_read_too() {
    assertThat(reader.read(StoreKind.SecretStore, ns, ca(CaProvider.Type.ConfigMap, "vault-ca", "ca.der.pem", null))).isEqualTo(PEM);
  }

  @Test
  void a_clustersecretstore_without_namespace_is_a_config_error_with_esos_words() {
    CaReadException e = catchThrowableOfType(CaReadException.class,
        () -> reader.read(StoreKind.ClusterSecretStore, null, ca(CaProvider.Type.Secret, "vault-ca", "ca.crt", null)));
    assertThat(e.configError()).isTrue();
    assertThat(e.getMessage()).contains("missing namespace on caProvider");
  }

  @Test
  void a_missing_object_or_key_names_it_and_may_heal() {
    CaReadException missing = catchThrowableOfType(CaReadException.class,
        () -> reader.read(StoreKind.SecretStore, ns, ca(CaProvider.Type.ConfigMap, "nowhere", "ca.crt", null)));
    assertThat(missing.getMessage()).isEqualTo("caProvider ConfigMap " + ns + "/nowhere not found");
    assertThat(missing.configError()).isFalse();
    CaReadException noKey = catchThrowableOfType(CaReadException.class,
        () -> reader.read(StoreKind.SecretStore, ns, ca(CaProvider.Type.Secret, "vault-ca", "tls.crt", null)));
    assertThat(noKey.getMessage()).isEqualTo("caProvider Secret " + ns + "/vault-ca has no key \"tls.crt\" (or it is empty)");
  }

  private static CaProvider ca(CaProvider.Type type, String name, String key, String namespace) {
    CaProvider ca = new CaProvider();
    ca.type = type;
    ca.name = name;
    ca.key = key;
    ca.namespace = namespace;
    return ca;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}

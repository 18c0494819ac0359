package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ClusterSecretStoreCondition;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.SecretStoreProvider;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.VaultAuth;
import io.secretgate.api.VaultProvider;
import io.secretgate.cli.CliRun;
import io.secretgate.cli.ExitCodes;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.secretgate.testing.PatientMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --kubeconfig}: stores and namespace labels come from the cluster (mock API server). */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class ValidateWithKubeconfigIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @BeforeAll
  static void clusterHasAStoreForBlueTeams() {
    ClusterSecretStore css = new ClusterSecretStore();
    css.setMetadata(new ObjectMetaBuilder().withName("vault").build());
    SecretStoreSpec spec = new SecretStoreSpec();
    spec.provider = new SecretStoreProvider();
    spec.provider.vault = new VaultProvider();
    spec.provider.vault.server = "https://vault.example:8200";
    spec.provider.vault.path = "secret";
    spec.provider.vault.auth = new VaultAuth();
    spec.provider.vault.auth.tokenSecretRef = new SecretKeySelector();
    spec.provider.vault.auth.tokenSecretRef.name = "vault-token";
    spec.provider.vault.auth.tokenSecretRef.key = "token";
    ClusterSecretStoreCondition cond = new ClusterSecretStoreCondition();
    cond.namespaceSelector = new LabelSelectorBuilder().addToMatchLabels("team", "blue").build();
    spec.conditions = List.of(cond);
    css.setSpec(spec);
    client.resources(ClusterSecretStore.class).resource(css).create();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("blue-app").addToLabels("team", "blue").endMetadata().build()).create();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("red-app").addToLabels("team", "red").endMetadata().build()).create();
  }

  @Test
  void a_store_found_only_in_the_cluster_is_used_with_the_namespace_labels_of_the_cluster(@TempDir Path tmp) throws IOException {
    Path kubeconfig = kubeconfig(tmp);
    Path es = Files.writeString(tmp.resolve("es.yaml"), externalSecret("blue-app") + "---\n" + externalSecret("red-app"));
    CliRun run = CliRun.of("validate", "--kubeconfig", kubeconfig.toString(), "--format", "json", es.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out())
        .contains("\"namespace\":\"blue-app\",\"name\":\"db\",\"allowed\":true")
        .contains("\"namespace\":\"red-app\",\"name\":\"db\",\"allowed\":false")
        .contains("using cluster store \\\"vault\\\" is not allowed from namespace \\\"red-app\\\"")
        .contains("\"path\":\"secret/data/apps/db\"");
  }

  @Test
  void without_kubeconfig_the_same_store_is_not_found() throws IOException {
    Path es = Files.createTempFile("es", ".yaml");
    Files.writeString(es, externalSecret("blue-app"));
    CliRun run = CliRun.of("validate", es.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).contains("STORE_NOT_FOUND spec.secretStoreRef: ClusterSecretStore \"vault\" not found");
  }

  private static String externalSecret(String ns) {
    return "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db, namespace: " + ns + "}\n"
        + "spec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n  data:\n"
        + "    - secretKey: password\n      remoteRef: {key: apps/db}\n";
  }

  private static Path kubeconfig(Path tmp) throws IOException {
    String url = client.getConfiguration().getMasterUrl().replaceAll("/$", "");
    String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url + "\n    insecure-skip-tls-verify: true\n"
        + "contexts:\n- name: mock\n  context: {cluster: mock, user: mock, namespace: default}\ncurrent-context: mock\n"
        + "users:\n- name: mock\n  user: {token: not-a-real-token}\n";
    return Files.writeString(tmp.resolve("kubeconfig"), yaml);
  }
}

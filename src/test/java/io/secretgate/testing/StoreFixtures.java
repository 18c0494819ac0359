package io.secretgate.testing;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.api.ClusterSecretStore;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The ClusterSecretStores of the controller tests: Vault KV v2 at {@code secret}, token from {@code secretgate/vault-token}. */
public final class StoreFixtures {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private StoreFixtures() {}

  /** A token-auth store for {@code server}; {@code extraVaultFields} (e.g. {@code caProvider: {...}}) go under {@code provider.vault}. */
  public static ClusterSecretStore clusterStore(String name, Object server, String extraVaultFields) {
    return YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata: {name: %s}
        spec:
          provider:
            vault:
              server: %s
              path: secret
              version: v2
              %s
              auth:
                tokenSecretRef: {name: vault-token, key: token, namespace: secretgate}
        """.formatted(name, server, extraVaultFields), ClusterSecretStore.class);
  }

  /**
   * Changes the spec of ClusterSecretStore {@code name} without changing what it does: its
   * {@code refreshInterval}, which the controller does not use (it checks stores at its own interval).
   * A change of metadata or status alone does not make the controller check a store again.
   */
  public static void touchSpec(KubernetesClient client, String name) {
    client.resources(ClusterSecretStore.class).withName(name).edit(s -> {
      IntOrString was = s.getSpec().refreshInterval;
      s.getSpec().refreshInterval = new IntOrString(was == null || was.getIntVal() == null ? 1 : was.getIntVal() + 1);
      return s;
    });
  }
}

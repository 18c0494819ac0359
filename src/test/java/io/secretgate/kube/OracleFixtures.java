package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.StoreKind;
import io.secretgate.validation.Store;
import io.secretgate.vault.DriverVaultGateway;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** The webhook's {@link VaultPolicyOracle} as the app wires it, and the ClusterSecretStores of its ITs read from fixture files. */
final class OracleFixtures {
  private OracleFixtures() {}

  /** Tokens and CAs read through {@code client}, gateways on vault-java-driver, answers kept 30 s, calls bounded by 2 s. */
  static VaultPolicyOracle oracle(KubernetesClient client) {
    return new VaultPolicyOracle(VaultPolicyOracle.tokensFrom(new TokenReader(client)), VaultPolicyOracle.casFrom(new CaReader(client)),
        VaultPolicyOracle.clientCertificatesFrom(new ClientCertificateReader(client)), DriverVaultGateway::new, Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofSeconds(2));
  }

  /** ClusterSecretStore {@code name} of the multi-document {@code resource}, with VAULT_ADDRESS and NAMESPACE filled in. */
  static Store store(KubernetesClient client, String resource, URI vaultAddress, String namespace, String name) {
    try (InputStream in = OracleFixtures.class.getResourceAsStream(resource)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("VAULT_ADDRESS", vaultAddress.toString()).replace("NAMESPACE", namespace);
      ClusterSecretStore found = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().stream()
          .map(item -> client.getKubernetesSerialization().convertValue(item, ClusterSecretStore.class))
          .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
      return new Store(StoreKind.ClusterSecretStore, name, null, found.getSpec());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

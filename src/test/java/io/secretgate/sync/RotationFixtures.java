package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.SecretStore;
import io.secretgate.testing.Crds;
import io.secretgate.testing.FakeVault;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The cluster the rotation tests and the rotation bench start from: ESO's CRDs, a token Secret and a store. */
public final class RotationFixtures {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private RotationFixtures() {}

  /**
   * A FakeVault holding {@code secret/apps/payments/db} ({@code password: s3cr3t}) and the non-expiring
   * token s.sync-token of sync-policy.hcl, and the {@link #cluster} of store vault-backend using it.
   */
  public static FakeVault clusterWithPaymentsVault(KubernetesClient client) throws Exception {
    FakeVault vault = new FakeVault().mountV2("secret").put("secret", "apps/payments/db", "{\"password\":\"s3cr3t\"}")
        .token("s.sync-token", new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl"))), 0));
    cluster(client, vault.address(), "s.sync-token");
    return vault;
  }

  /** ESO's CRDs, Secret secretgate/vault-token holding {@code token}, ClusterSecretStore vault-backend at {@code vault}. */
  public static void cluster(KubernetesClient client, URI vault, String token) {
    Crds.install(client);
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToData("token", b64(token)).build()).createOr(r -> r.update());
    String store = resource("cluster-store.yaml").replace("SERVER", vault.toString());
    client.resources(ClusterSecretStore.class).resource(YAML.readValue(store, ClusterSecretStore.class)).createOr(r -> r.update());
  }

  /** SecretStore payments/team-vault at {@code vault}, its token in Secret payments/team-token. */
  public static void teamStore(KubernetesClient client, URI vault, String token) {
    client.secrets().inNamespace("payments").resource(new SecretBuilder().withNewMetadata().withName("team-token").endMetadata()
        .addToData("token", b64(token)).build()).createOr(r -> r.update());
    String store = resource("secret-store.yaml").replace("SERVER", vault.toString());
    client.resources(SecretStore.class).resource(YAML.readValue(store, SecretStore.class)).createOr(r -> r.update());
  }

  /** ExternalSecret payments/{@code name} reading all of {@code key} through vault-backend every {@code refresh}. */
  public static ExternalSecret externalSecret(String name, String refresh, String key) {
    return YAML.readValue(resource("external-secret.yaml").replace("NAME", name).replace("REFRESH", refresh).replace("KEY", key),
        ExternalSecret.class);
  }

  /** Deletes what the tests left: ExternalSecrets, stores of both kinds, the Secrets of namespace payments, Events. */
  public static void clear(KubernetesClient client) {
    client.resources(ExternalSecret.class).inAnyNamespace().delete();
    client.resources(ClusterSecretStore.class).delete();
    client.resources(SecretStore.class).inAnyNamespace().delete();
    client.secrets().inNamespace("payments").delete();
    client.v1().events().inAnyNamespace().delete();
  }

  public static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String resource(String file) {
    try (InputStream in = RotationFixtures.class.getResourceAsStream("/io/secretgate/sync/rotation/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

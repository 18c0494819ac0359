package io.secretgate.kube;

import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static io.secretgate.kube.KubeFixtures.createSecret;
import static io.secretgate.kube.KubeFixtures.data;
import static io.secretgate.kube.KubeFixtures.desired;
import static io.secretgate.kube.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.kube.ApplyResult.Outcome;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SecretWriter} deciding first on a cache of managed Secrets (the controller's informer): a
 * stale or missing copy never makes it write over, or miss, what is really in the cluster.
 */
@EnableKubernetesMockClient(crud = true)
class SecretWriterCacheIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Map<String, String> VAULT = Map.of("password", "s3cr3t", "user", "app");

  String ns;
  final Map<String, Secret> cache = new HashMap<>();
  final AtomicInteger lookups = new AtomicInteger();
  SecretWriter writer;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void freshNamespace() {
    ns = KubeFixtures.freshNamespace();
    writer = new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, key -> {
      lookups.incrementAndGet();
      return cache.get(key);
    });
  }

  Secret target() {
    return get(client, ns, "db-credentials");
  }

  @Test
  void a_secret_missing_from_the_cache_is_created_without_a_read() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    int requestsBefore = server.getRequestCount();

    assertThat(writer.apply(desired(es, VAULT), es).outcome()).isEqualTo(Outcome.CREATED);

    assertThat(server.getRequestCount() - requestsBefore).as("API requests: the create only").isEqualTo(1);
    assertThat(lookups).hasValue(1);
    assertThat(data(target())).isEqualTo(VAULT);
  }

  @Test
  void a_stale_cached_copy_costs_a_conflict_and_a_real_read_never_a_lost_update() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    writer.apply(desired(es, VAULT), es);
    cache.put(ns + "/db-credentials", target());
    client.secrets().inNamespace(ns).withName("db-credentials")
        .edit(s -> { s.getMetadata().getAnnotations().put("edited-by", "human"); return s; }); // the cache misses this edit

    assertThat(writer.apply(desired(es, Map.of("password", "rotated", "user", "app")), es).outcome()).isEqualTo(Outcome.UPDATED);

    assertThat(data(target())).containsEntry("password", "rotated");
    assertThat(target().getMetadata().getAnnotations()).containsEntry("edited-by", "human");
  }

  @Test
  void an_existing_unmanaged_secret_missing_from_the_cache_is_merged_not_replaced() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);

    assertThat(writer.apply(desired(es, VAULT), es).outcome()).isEqualTo(Outcome.UPDATED);

    assertThat(data(target())).containsEntry("ca.crt", "-----BEGIN CERTIFICATE-----").containsEntry("password", "s3cr3t");
  }

  @Test
  void owner_over_an_uncached_secret_controlled_by_another_kind_is_refused_after_the_create_conflicts() {
    Secret before = createSecret(client, ns, "secret-controlled-by-deployment.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);

    assertThat(writer.apply(desired(es, VAULT), es).outcome()).isEqualTo(Outcome.OWNERSHIP_REFUSED);

    assertThat(target()).isEqualTo(before);
  }
}

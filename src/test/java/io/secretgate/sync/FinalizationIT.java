package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.DeletionPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretTarget;
import io.secretgate.kube.CleanupFinalizer;
import io.secretgate.kube.SecretDeleter;
import io.secretgate.testing.Crds;
import io.secretgate.testing.PatientMockClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Finalization} on a stale informer copy: an ExternalSecret that needs the clean-up finalizer
 * but was deleted since it was cached is not synced, so no keys are merged that no finalizer would
 * remove.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class FinalizationIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  Finalization finalization;

  @BeforeEach
  void crds() {
    Crds.install(client);
    finalization = new Finalization(new CleanupFinalizer(client), new SecretDeleter(client));
  }

  static ExternalSecret merging(String name, List<String> finalizers) {
    ExternalSecret es = RotationFixtures.externalSecret(name, "1h", "apps/payments/db");
    es.getSpec().target = new ExternalSecretTarget();
    es.getSpec().target.creationPolicy = CreationPolicy.Merge;
    es.getSpec().target.deletionPolicy = DeletionPolicy.Merge;
    es.getMetadata().setFinalizers(finalizers);
    return client.resources(ExternalSecret.class).resource(es).create();
  }

  @Test
  void a_live_external_secret_gets_the_finalizer_and_its_sync_goes_on() {
    ExternalSecret es = merging("live", null);

    assertThat(finalization.reconcile(es)).isEmpty();
    assertThat(client.resources(ExternalSecret.class).inNamespace("payments").withName("live").get().getMetadata().getFinalizers())
        .containsExactly(CleanupFinalizer.NAME);
  }

  @Test
  void a_cached_copy_of_an_external_secret_deleted_since_is_not_synced() {
    ExternalSecret cached = merging("gone", null);
    client.resources(ExternalSecret.class).inNamespace("payments").withName("gone").delete();

    assertThat(finalization.reconcile(cached)).get().isEqualTo(new SyncResult.Done(Optional.empty(), Optional.empty()));
  }

  @Test
  void a_cached_copy_of_an_external_secret_being_deleted_is_not_synced_and_gets_no_finalizer() {
    ExternalSecret cached = merging("deleting", List.of("example.com/keep"));
    client.resources(ExternalSecret.class).inNamespace("payments").withName("deleting").delete();

    assertThat(finalization.reconcile(cached)).get().isEqualTo(new SyncResult.Done(Optional.empty(), Optional.empty()));
    assertThat(client.resources(ExternalSecret.class).inNamespace("payments").withName("deleting").get().getMetadata().getFinalizers())
        .containsExactly("example.com/keep");
  }
}

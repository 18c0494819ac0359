package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.ExternalSecret;
import io.secretgate.testing.Crds;
import io.secretgate.testing.PatientMockClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CleanupFinalizer}: the finalizer written as a JSON merge patch of the finalizers with the
 * resourceVersion just read (so fields the model does not know are kept), retried on 409.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class CleanupFinalizerIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  String ns;

  @BeforeEach
  void anExternalSecret() {
    Crds.install(client);
    ns = KubeFixtures.freshNamespace();
    KubeFixtures.createExternalSecret(client, ns, es -> es.getMetadata().setName("db"));
  }

  ExternalSecret read() {
    return client.resources(ExternalSecret.class).inNamespace(ns).withName("db").get();
  }

  String path() {
    return "/apis/external-secrets.io/v1/namespaces/" + ns + "/externalsecrets/db";
  }

  @Test
  void the_finalizer_is_added_by_a_merge_patch_of_the_finalizers_carrying_the_resource_version_just_read() {
    ExternalSecret current = read();
    List<String> bodies = new CopyOnWriteArrayList<>();
    server.expect().patch().withPath(path()).andReply(200, request -> {
      bodies.add(request.getUtf8Body());
      return current;
    }).once();

    new CleanupFinalizer(client).add(current);

    assertThat(bodies).containsExactly("{\"metadata\":{\"resourceVersion\":\"" + current.getMetadata().getResourceVersion()
        + "\",\"finalizers\":[\"" + CleanupFinalizer.NAME + "\"]}}");
  }

  @Test
  void the_finalizer_is_added_and_removed_and_a_conflict_is_read_again_and_retried() {
    server.expect().patch().withPath(path()).andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").build()).once();

    new CleanupFinalizer(client).add(read());

    assertThat(read().getMetadata().getFinalizers()).containsExactly(CleanupFinalizer.NAME);

    new CleanupFinalizer(client).remove(read());

    assertThat(read().getMetadata().getFinalizers()).isNullOrEmpty();
  }
}

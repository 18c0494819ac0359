package io.secretgate.kube;

import static io.secretgate.kube.KubeFixtures.annotations;
import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static io.secretgate.kube.KubeFixtures.createSecret;
import static io.secretgate.kube.KubeFixtures.data;
import static io.secretgate.kube.KubeFixtures.desired;
import static io.secretgate.kube.KubeFixtures.get;
import static io.secretgate.kube.KubeFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.kube.ApplyResult.Outcome;
import io.secretgate.kube.SecretDeleter.DeleteResult;
import io.secretgate.secrets.DataHash;
import io.secretgate.testing.PatientMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SecretDeleter}: only what this ExternalSecret controls goes. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SecretDeleterIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Map<String, String> VAULT = Map.of("password", "s3cr3t", "user", "app");

  String ns;
  SecretDeleter deleter;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void freshNamespace() {
    ns = KubeFixtures.freshNamespace();
    deleter = new SecretDeleter(client);
  }

  void sync(ExternalSecret es) {
    new SecretWriter(client).apply(desired(es, VAULT), es);
  }

  @Test
  void deletes_the_target_this_externalsecret_controls() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    sync(es);

    assertThat(deleter.deleteIfControlled(es, "db-credentials")).isEqualTo(DeleteResult.DELETED);

    assertThat(get(client, ns, "db-credentials")).isNull();
  }

  @Test
  void the_delete_is_conditional_on_the_version_it_was_decided_on() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    sync(es);
    String version = get(client, ns, "db-credentials").getMetadata().getResourceVersion();
    Race watch = Race.before("DELETE", "/api/v1/namespaces/" + ns + "/secrets/db-credentials", 0, () -> {});

    try (KubernetesClient watched = watch.client(server)) {
      assertThat(new SecretDeleter(watched).deleteIfControlled(es, "db-credentials")).isEqualTo(DeleteResult.DELETED);
    }
    // a real API server answers 409 when the Secret was replaced in between (the mock does not check)
    assertThat(watch.bodies()).singleElement().asString().contains("\"preconditions\":{\"resourceVersion\":\"" + version + "\"}");
  }

  @Test
  void a_missing_target_is_not_found() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);

    assertThat(deleter.deleteIfControlled(es, "db-credentials")).isEqualTo(DeleteResult.NOT_FOUND);
  }

  @Test
  void leaves_a_secret_without_controller_alone() {
    Secret before = createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);

    assertThat(deleter.deleteIfControlled(es, "db-credentials")).isEqualTo(DeleteResult.NOT_CONTROLLED);

    assertThat(get(client, ns, "db-credentials")).isEqualTo(before);
  }

  @Test
  void leaves_a_secret_another_externalsecret_controls_alone() {
    Secret before = createSecret(client, ns, "secret-owned-by-other-es.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);

    assertThat(deleter.deleteIfControlled(es, "db-credentials")).isEqualTo(DeleteResult.NOT_CONTROLLED);

    assertThat(get(client, ns, "db-credentials")).isEqualTo(before);
  }

  @Test
  void leaves_a_secret_of_an_earlier_externalsecret_of_the_same_name_alone() {
    ExternalSecret earlier = createExternalSecret(client, ns, CreationPolicy.Owner);
    sync(earlier);
    client.resources(ExternalSecret.class).inNamespace(ns).withName("db-credentials").delete();
    ExternalSecret now = createExternalSecret(client, ns, CreationPolicy.Owner);

    assertThat(deleter.deleteIfControlled(now, "db-credentials")).isEqualTo(DeleteResult.NOT_CONTROLLED);

    assertThat(get(client, ns, "db-credentials")).isNotNull();
  }

  @Test
  void orphans_are_the_secrets_carrying_our_created_by_label_under_another_name() {
    ExternalSecret es = createExternalSecret(client, ns, e -> e.getSpec().target.name = "db-v1");
    sync(es);
    es.getSpec().target.name = "db-v2";
    sync(es);
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret neighbour = createExternalSecret(client, ns, e -> {
      e.getMetadata().setName("neighbour");
      e.getSpec().target.name = "neighbour-db";
    });
    sync(neighbour);

    assertThat(deleter.deleteOrphans(es, "db-v2")).containsExactly("db-v1");

    assertThat(get(client, ns, "db-v1")).isNull();
    assertThat(get(client, ns, "db-v2")).isNotNull();
    assertThat(get(client, ns, "db-credentials")).isNotNull();
    assertThat(get(client, ns, "neighbour-db")).isNotNull();
  }

  @Test
  void an_orphan_candidate_controlled_by_something_else_is_kept() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    Secret hijacked = createSecret(client, ns, "secret-controlled-by-deployment.yaml");
    hijacked.getMetadata().setName("copied-labels");
    hijacked.getMetadata().setResourceVersion(null);
    hijacked.getMetadata().setLabels(Map.of(ManagedSecretKeys.LABEL_CREATED_BY, DataHash.createdBy(ns, "db-credentials")));
    client.secrets().inNamespace(ns).resource(hijacked).create();

    assertThat(deleter.deleteOrphans(es, "db-credentials")).isEmpty();

    assertThat(get(client, ns, "copied-labels")).isNotNull();
  }

  @Test
  void removing_our_keys_keeps_the_secret_its_foreign_keys_labels_and_annotations() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);
    sync(es);

    ApplyResult result = deleter.removeManagedKeys(es, "db-credentials");

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    Secret s = get(client, ns, "db-credentials");
    Map<String, String> foreign = Map.of("ca.crt", "-----BEGIN CERTIFICATE-----", "username", "old-user");
    assertThat(data(s)).isEqualTo(foreign);
    assertThat(labels(s)).containsEntry("app", "legacy").containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true");
    assertThat(annotations(s)).containsEntry("owner", "platform-team")
        .containsEntry(ManagedSecretKeys.ANNOTATION_DATA_HASH, DataHash.ofData(bytes(foreign)));

    String version = s.getMetadata().getResourceVersion();
    assertThat(deleter.removeManagedKeys(es, "db-credentials").outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(get(client, ns, "db-credentials").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void removing_our_keys_leaves_the_keys_another_merging_externalsecret_wrote() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret first = createExternalSecret(client, ns, SecretWriterIT.mergingAs("db-part"));
    ExternalSecret second = createExternalSecret(client, ns, SecretWriterIT.mergingAs("api-part"));
    SecretWriter writer = new SecretWriter(client);
    writer.apply(desired(first, Map.of("db-password", "s3cr3t", "shared", "x")), first);
    writer.apply(desired(second, Map.of("api-key", "k3y", "shared", "x")), second);

    assertThat(deleter.removeManagedKeys(first, "db-credentials").outcome()).isEqualTo(Outcome.UPDATED);

    Secret s = get(client, ns, "db-credentials");
    assertThat(data(s)).doesNotContainKey("db-password").containsEntry("api-key", "k3y").containsEntry("shared", "x")
        .containsEntry("username", "old-user");
    assertThat(annotations(s)).doesNotContainKey("managed-keys.secretgate.io/db-part").containsKey("managed-keys.secretgate.io/api-part");
  }

  @Test
  void an_externalsecret_that_wrote_nothing_removes_nothing_from_a_secret_another_one_merged_into() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret first = createExternalSecret(client, ns, SecretWriterIT.mergingAs("db-part"));
    ExternalSecret second = createExternalSecret(client, ns, SecretWriterIT.mergingAs("api-part"));
    new SecretWriter(client).apply(desired(first, Map.of("db-password", "s3cr3t")), first);

    assertThat(deleter.removeManagedKeys(second, "db-credentials").outcome()).isEqualTo(Outcome.UNCHANGED);

    assertThat(data(get(client, ns, "db-credentials"))).containsEntry("db-password", "s3cr3t");
  }

  @Test
  void removing_our_keys_from_a_missing_or_foreign_controlled_secret_writes_nothing() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);
    assertThat(deleter.removeManagedKeys(es, "db-credentials").outcome()).isEqualTo(Outcome.MISSING);

    Secret before = createSecret(client, ns, "secret-owned-by-other-es.yaml");
    assertThat(deleter.removeManagedKeys(es, "db-credentials").outcome()).isEqualTo(Outcome.OWNED_BY_OTHER);
    assertThat(get(client, ns, "db-credentials")).isEqualTo(before);
  }

  static Map<String, byte[]> bytes(Map<String, String> data) {
    Map<String, byte[]> out = new TreeMap<>();
    data.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }
}

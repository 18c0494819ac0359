package io.secretgate.kube;

import static io.secretgate.kube.KubeFixtures.annotations;
import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static io.secretgate.kube.KubeFixtures.createSecret;
import static io.secretgate.kube.KubeFixtures.data;
import static io.secretgate.kube.KubeFixtures.desired;
import static io.secretgate.kube.KubeFixtures.get;
import static io.secretgate.kube.KubeFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.kube.ApplyResult.Outcome;
import io.secretgate.secrets.DataHash;
import io.secretgate.secrets.EsoText;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.testing.PatientMockClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link SecretWriter} against the mock API server (CRUD): every creationPolicy, ownership, immutability. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SecretWriterIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Map<String, String> VAULT = Map.of("password", "s3cr3t", "user", "app");

  String ns;
  SecretWriter writer;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void freshNamespace() {
    ns = KubeFixtures.freshNamespace();
    writer = new SecretWriter(client);
  }

  ApplyResult apply(ExternalSecret es, Map<String, String> vault) {
    return writer.apply(desired(es, vault), es);
  }

  Secret target() {
    return get(client, ns, "db-credentials");
  }

  static Map<String, byte[]> bytes(Map<String, String> data) {
    Map<String, byte[]> out = new TreeMap<>();
    data.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void owner_creates_the_secret_with_the_data_the_markers_a_controller_reference_and_the_created_by_label() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);

    ApplyResult result = apply(es, VAULT);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(result.event()).contains(SyncEvent.normal("Created", "secret created"));
    Secret s = target();
    assertThat(data(s)).isEqualTo(VAULT);
    assertThat(s.getType()).isEqualTo("Opaque");
    assertThat(s.getImmutable()).isNull();
    assertThat(labels(s)).containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true")
        .containsEntry(ManagedSecretKeys.LABEL_CREATED_BY, DataHash.createdBy(ns, "db-credentials"))
        .containsEntry("team", "payments");
    assertThat(annotations(s)).containsEntry(ManagedSecretKeys.ANNOTATION_DATA_HASH, DataHash.ofData(bytes(VAULT)))
        .containsEntry("docs", "https://wiki.example/payments/db")
        .containsEntry("managed-keys.secretgate.io/db-credentials",
            "{\"annotations\":[\"docs\",\"reconcile.external-secrets.io/data-hash\"],\"data\":[\"password\",\"user\"],"
                + "\"labels\":[\"reconcile.external-secrets.io/created-by\",\"reconcile.external-secrets.io/managed\",\"team\"]}");
    assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getApiVersion()).isEqualTo("external-secrets.io/v1");
      assertThat(ref.getKind()).isEqualTo("ExternalSecret");
      assertThat(ref.getName()).isEqualTo("db-credentials");
      assertThat(ref.getUid()).isEqualTo(es.getMetadata().getUid()).isNotBlank();
      assertThat(ref.getController()).isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    });
  }

  @Test
  void a_second_apply_of_the_same_data_writes_nothing() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    apply(es, VAULT);
    String before = target().getMetadata().getResourceVersion();

    ApplyResult again = apply(es, VAULT);

    assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(again.event()).isEmpty();
    assertThat(target().getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  void new_vault_data_updates_the_secret_and_its_data_hash() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    apply(es, VAULT);
    String before = target().getMetadata().getResourceVersion();

    ApplyResult result = apply(es, Map.of("password", "rotated"));

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(result.event()).contains(SyncEvent.normal("Updated", "secret updated"));
    Secret s = target();
    assertThat(s.getMetadata().getResourceVersion()).isNotEqualTo(before);
    assertThat(data(s)).isEqualTo(Map.of("password", "rotated"));
    assertThat(annotations(s)).containsEntry(ManagedSecretKeys.ANNOTATION_DATA_HASH, DataHash.ofData(bytes(Map.of("password", "rotated"))));
  }

  /** What the writer told its {@link SecretWriter.DataChangeListener}, one line per call. */
  static final class RecordedChanges implements SecretWriter.DataChangeListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void dataChanged(String namespace, String name, String oldDataHash, String newDataHash) {
      calls.add("changed " + namespace + "/" + name + " " + oldDataHash + " -> " + newDataHash);
    }

    @Override
    public void created(String namespace, String name, String newDataHash) {
      calls.add("created " + namespace + "/" + name + " " + newDataHash);
    }
  }

  @Test
  void a_created_secret_is_reported_as_created_with_its_data_hash_and_a_data_change_as_changed() {
    RecordedChanges changes = new RecordedChanges();
    writer = new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, changes);
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    String first = DataHash.ofData(bytes(VAULT));
    String rotated = DataHash.ofData(bytes(Map.of("password", "rotated")));

    apply(es, VAULT);
    apply(es, VAULT);
    apply(es, Map.of("password", "rotated"));

    assertThat(changes.calls).containsExactly("created " + ns + "/db-credentials " + first,
        "changed " + ns + "/db-credentials " + first + " -> " + rotated);
  }

  @Test
  void a_secret_deleted_and_created_again_is_reported_as_created_with_its_new_data_hash() {
    RecordedChanges changes = new RecordedChanges();
    writer = new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, changes);
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Orphan);
    apply(es, VAULT);
    client.secrets().inNamespace(ns).withName("db-credentials").delete();

    assertThat(apply(es, Map.of("password", "rotated")).outcome()).isEqualTo(Outcome.CREATED);

    assertThat(changes.calls).last().isEqualTo("created " + ns + "/db-credentials " + DataHash.ofData(bytes(Map.of("password", "rotated"))));
  }

  @Test
  void owner_takes_over_an_existing_secret_replacing_its_data_exactly_but_keeping_foreign_labels_and_annotations() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);

    ApplyResult result = apply(es, VAULT);

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    Secret s = target();
    assertThat(data(s)).isEqualTo(VAULT);
    assertThat(labels(s)).containsEntry("app", "legacy").containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true");
    assertThat(annotations(s)).containsEntry("owner", "platform-team");
    assertThat(s.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(es.getMetadata().getUid());
  }

  @Test
  void a_label_dropped_from_the_externalsecret_is_dropped_from_the_secret_while_foreign_labels_stay() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    apply(es, VAULT);
    es.getMetadata().getLabels().remove("team");
    es.getMetadata().getAnnotations().remove("docs");

    apply(es, VAULT);

    Secret s = target();
    assertThat(labels(s)).doesNotContainKey("team").containsEntry("app", "legacy");
    assertThat(annotations(s)).doesNotContainKey("docs").containsEntry("owner", "platform-team");
  }

  @Test
  void a_recreated_externalsecret_of_the_same_name_takes_its_secret_over() {
    ExternalSecret first = createExternalSecret(client, ns, CreationPolicy.Owner);
    apply(first, VAULT);
    client.resources(ExternalSecret.class).inNamespace(ns).withName("db-credentials").delete();
    ExternalSecret second = createExternalSecret(client, ns, CreationPolicy.Owner);
    assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());

    ApplyResult result = apply(second, VAULT);

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(target().getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
        .containsExactly(second.getMetadata().getUid());
  }

  @Test
  void owner_refuses_an_externalsecret_without_a_uid_before_writing_anything() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    es.getMetadata().setUid(null);

    assertThatThrownBy(() -> apply(es, VAULT)).isInstanceOf(IllegalArgumentException.class);
    assertThat(target()).isNull();
  }

  @Test
  void orphan_creates_the_secret_without_owner_reference_or_created_by_label() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Orphan);

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.CREATED);

    Secret s = target();
    assertThat(data(s)).isEqualTo(VAULT);
    assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(labels(s)).containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true").doesNotContainKey(ManagedSecretKeys.LABEL_CREATED_BY);
  }

  @Test
  void switching_from_owner_to_orphan_removes_the_controller_reference_and_the_created_by_label() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    apply(es, VAULT);
    es.getSpec().target.creationPolicy = CreationPolicy.Orphan;

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.UPDATED);

    Secret s = target();
    assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(labels(s)).doesNotContainKey(ManagedSecretKeys.LABEL_CREATED_BY).containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true");
  }

  @Test
  void orphan_replaces_the_data_of_an_existing_secret_exactly() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Orphan);

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.UPDATED);

    assertThat(data(target())).isEqualTo(VAULT);
  }

  @Test
  void merge_keeps_foreign_keys_labels_and_annotations_and_adds_ours() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.UPDATED);

    Secret s = target();
    Map<String, String> expected = Map.of("ca.crt", "-----BEGIN CERTIFICATE-----", "username", "old-user", "password", "s3cr3t", "user", "app");
    assertThat(data(s)).isEqualTo(expected);
    assertThat(labels(s)).containsEntry("app", "legacy").containsEntry("team", "payments")
        .containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true").doesNotContainKey(ManagedSecretKeys.LABEL_CREATED_BY);
    assertThat(annotations(s)).containsEntry("owner", "platform-team")
        .containsEntry(ManagedSecretKeys.ANNOTATION_DATA_HASH, DataHash.ofData(bytes(expected)));
    assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  void merge_removes_our_stale_keys_and_never_foreign_ones() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);
    apply(es, VAULT);

    assertThat(apply(es, Map.of("password", "s3cr3t")).outcome()).isEqualTo(Outcome.UPDATED);

    assertThat(data(target())).isEqualTo(Map.of("ca.crt", "-----BEGIN CERTIFICATE-----", "username", "old-user", "password", "s3cr3t"));
  }

  @Test
  void under_merge_our_key_of_the_same_name_as_a_foreign_one_wins() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);

    apply(es, Map.of("username", "vault-user"));

    assertThat(data(target())).containsEntry("username", "vault-user").containsEntry("ca.crt", "-----BEGIN CERTIFICATE-----");
  }

  @Test
  void a_second_externalsecret_merging_into_the_same_secret_keeps_the_keys_of_the_first() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret first = createExternalSecret(client, ns, mergingAs("db-part"));
    ExternalSecret second = createExternalSecret(client, ns, mergingAs("api-part"));
    apply(first, Map.of("db-password", "s3cr3t"));

    apply(second, Map.of("api-key", "k3y"));
    apply(first, Map.of("db-password", "rotated"));

    assertThat(data(target())).containsEntry("api-key", "k3y").containsEntry("db-password", "rotated")
        .containsEntry("username", "old-user");
    assertThat(annotations(target())).containsEntry("managed-keys.secretgate.io/db-part", "{\"annotations\":[\"docs\","
        + "\"reconcile.external-secrets.io/data-hash\"],\"data\":[\"db-password\"],\"labels\":[\"reconcile.external-secrets.io/managed\",\"team\"]}")
        .hasEntrySatisfying("managed-keys.secretgate.io/api-part", v -> assertThat(v).contains("\"data\":[\"api-key\"]"));
  }

  @Test
  void a_merging_externalsecret_removes_its_own_stale_key_but_not_one_another_externalsecret_also_wrote() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret first = createExternalSecret(client, ns, mergingAs("db-part"));
    ExternalSecret second = createExternalSecret(client, ns, mergingAs("api-part"));
    apply(first, Map.of("db-password", "s3cr3t", "shared", "from-db", "old", "gone-soon"));
    apply(second, Map.of("shared", "from-api"));

    apply(first, Map.of("db-password", "s3cr3t"));

    assertThat(data(target())).containsEntry("shared", "from-api").doesNotContainKey("old");
  }

  @Test
  void the_single_list_of_earlier_releases_is_not_believed_on_a_secret_the_externalsecret_does_not_control() {
    Secret old = createSecret(client, ns, "secret-foreign.yaml");
    old.getMetadata().getAnnotations().put("secretgate.io/managed-keys", "{\"data\":[\"username\"],\"labels\":[\"app\"]}");
    client.secrets().inNamespace(ns).resource(old).update();
    ExternalSecret es = createExternalSecret(client, ns, mergingAs("db-part"));

    apply(es, Map.of("password", "s3cr3t"));

    Secret s = target();
    assertThat(data(s)).containsEntry("username", "old-user").containsEntry("password", "s3cr3t");
    assertThat(labels(s)).containsEntry("app", "legacy");
    assertThat(annotations(s)).doesNotContainKey("secretgate.io/managed-keys").containsKey("managed-keys.secretgate.io/db-part");
  }

  @Test
  void the_single_list_of_earlier_releases_is_believed_on_a_secret_the_externalsecret_controls() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    apply(es, VAULT);
    Secret old = target();
    old.getMetadata().getAnnotations().remove("managed-keys.secretgate.io/db-credentials");
    old.getMetadata().getAnnotations().put("secretgate.io/managed-keys", "{\"labels\":[\"team\",\"dropped\"]}");
    old.getMetadata().getLabels().put("dropped", "yes");
    client.secrets().inNamespace(ns).resource(old).update();

    apply(es, VAULT);

    assertThat(labels(target())).doesNotContainKey("dropped").containsEntry("team", "payments");
    assertThat(annotations(target())).doesNotContainKey("secretgate.io/managed-keys");
  }

  static java.util.function.Consumer<ExternalSecret> mergingAs(String name) {
    return es -> {
      es.getMetadata().setName(name);
      es.getSpec().target.creationPolicy = CreationPolicy.Merge;
    };
  }

  @Test
  void merge_on_a_missing_target_writes_nothing_and_reports_it_missing() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);

    ApplyResult result = apply(es, VAULT);

    assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
    assertThat(result.ok()).isTrue();
    assertThat(result.bound()).isFalse();
    assertThat(target()).isNull();
  }

  @Test
  void merge_over_a_secret_eso_last_wrote_removes_only_what_eso_managed() {
    createSecret(client, ns, "secret-eso-merged.yaml");
    ExternalSecret es = createExternalSecret(client, ns, es1 -> {
      es1.getSpec().target.creationPolicy = CreationPolicy.Merge;
      es1.getMetadata().getLabels().clear();
      es1.getMetadata().getAnnotations().clear();
    });

    apply(es, Map.of("token", "t0k3n"));

    Secret s = target();
    assertThat(data(s)).isEqualTo(Map.of("ca.crt", "-----BEGIN CERTIFICATE-----", "token", "t0k3n"));
    assertThat(labels(s)).containsEntry("app", "legacy").doesNotContainKey("rotated-by").containsEntry(ManagedSecretKeys.LABEL_MANAGED, "true");
  }

  @Test
  void create_or_merge_creates_a_missing_target_then_merges_like_merge() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.CreateOrMerge);

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.CREATED);
    Secret created = target();
    assertThat(created.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(labels(created)).doesNotContainKey(ManagedSecretKeys.LABEL_CREATED_BY);

    client.secrets().inNamespace(ns).withName("db-credentials").edit(s -> {
      s.getData().put("foreign", "Zm9yZWlnbg==");
      return s;
    });
    apply(es, Map.of("password", "rotated"));

    assertThat(data(target())).isEqualTo(Map.of("foreign", "foreign", "password", "rotated"));
  }

  @Test
  void none_writes_nothing_even_when_the_target_is_missing() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.None);

    ApplyResult result = apply(es, VAULT);

    assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(target()).isNull();
  }

  @Test
  void none_leaves_an_existing_secret_alone() {
    String before = createSecret(client, ns, "secret-foreign.yaml").getMetadata().getResourceVersion();
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.None);

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.SKIPPED);

    assertThat(target().getMetadata().getResourceVersion()).isEqualTo(before);
  }

  @Test
  void a_secret_controlled_by_another_externalsecret_is_left_exactly_as_it_is() {
    Secret before = createSecret(client, ns, "secret-owned-by-other-es.yaml");
    for (CreationPolicy policy : new CreationPolicy[] {CreationPolicy.Owner, CreationPolicy.Orphan, CreationPolicy.Merge, CreationPolicy.CreateOrMerge}) {
      ExternalSecret es = createExternalSecret(client, ns, policy);

      ApplyResult result = apply(es, VAULT);

      assertThat(result.outcome()).as(policy.name()).isEqualTo(Outcome.OWNED_BY_OTHER);
      assertThat(result.ok()).isFalse();
      assertThat(result.failureMessage()).contains(EsoText.MSG_ERROR_IS_OWNED);
      assertThat(result.event()).contains(SyncEvent.warning("UpdateFailed",
          "unable to mutate secret db-credentials: secret is owned by another ExternalSecret: payments-db"));
      assertThat(target()).isEqualTo(before);
      client.resources(ExternalSecret.class).inNamespace(ns).withName("db-credentials").delete();
    }
  }

  @Test
  void owner_refuses_a_secret_controlled_by_another_kind_that_orphan_still_updates() {
    Secret before = createSecret(client, ns, "secret-controlled-by-deployment.yaml");
    ExternalSecret owner = createExternalSecret(client, ns, CreationPolicy.Owner);

    ApplyResult refused = apply(owner, VAULT);

    assertThat(refused.outcome()).isEqualTo(Outcome.OWNERSHIP_REFUSED);
    assertThat(refused.failureMessage()).contains(EsoText.MSG_ERROR_BECOME_OWNER);
    assertThat(target()).isEqualTo(before);

    owner.getSpec().target.creationPolicy = CreationPolicy.Orphan;
    assertThat(apply(owner, VAULT).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(data(target())).isEqualTo(VAULT);
    assertThat(target().getMetadata().getOwnerReferences()).extracting(OwnerReference::getKind).containsExactly("Deployment");
  }

  @Test
  void a_new_immutable_target_is_created_immutable() {
    ExternalSecret es = createExternalSecret(client, ns, es1 -> es1.getSpec().target.immutable = true);

    assertThat(apply(es, VAULT).outcome()).isEqualTo(Outcome.CREATED);

    assertThat(target().getImmutable()).isTrue();
  }

  @Test
  void an_existing_immutable_secret_is_never_rewritten() {
    Secret before = createSecret(client, ns, "secret-immutable.yaml");
    ExternalSecret es = createExternalSecret(client, ns, es1 -> {
      es1.getSpec().target.creationPolicy = CreationPolicy.Orphan;
      es1.getSpec().target.immutable = true;
    });

    ApplyResult result = apply(es, Map.of("password", "new-password"));

    assertThat(result.outcome()).isEqualTo(Outcome.IMMUTABLE);
    assertThat(result.failureMessage()).contains(EsoText.MSG_ERROR_UPDATE_IMMUTABLE);
    assertThat(target()).isEqualTo(before);
  }

  @Test
  void an_existing_immutable_secret_that_already_holds_the_data_is_unchanged() {
    Secret before = createSecret(client, ns, "secret-immutable.yaml");
    ExternalSecret es = createExternalSecret(client, ns, es1 -> {
      es1.getSpec().target.creationPolicy = CreationPolicy.Orphan;
      es1.getSpec().target.immutable = true;
    });

    assertThat(apply(es, Map.of("password", "old-password")).outcome()).isEqualTo(Outcome.UNCHANGED);

    assertThat(target()).isEqualTo(before);
  }

  /**
   * Deciding first on a cache of managed Secrets (the controller's informer): a stale or missing
   * copy never makes the writer write over, or miss, what is really in the cluster.
   */
  @Nested
  class FromTheInformerCache {
    final Map<String, Secret> cache = new HashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    SecretWriter writer;

    @BeforeEach
    void cachingWriter() {
      writer = new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, key -> {
        lookups.incrementAndGet();
        return cache.get(key);
      });
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

    /** The controller's first start: its cache is empty, every Secret it already wrote exists. */
    @Test
    void an_existing_secret_missing_from_the_cache_is_never_reported_as_created() {
      ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
      new SecretWriter(client).apply(desired(es, VAULT), es);
      RecordedChanges changes = new RecordedChanges();
      writer = new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, cache::get, changes);

      assertThat(writer.apply(desired(es, VAULT), es).outcome()).isEqualTo(Outcome.UNCHANGED);
      assertThat(changes.calls).isEmpty();
      assertThat(writer.apply(desired(es, Map.of("password", "rotated")), es).outcome()).isEqualTo(Outcome.UPDATED);
      assertThat(changes.calls).singleElement().asString().startsWith("changed ");
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
}

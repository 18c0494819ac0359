package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.secretgate.secrets.DataHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookkeeping of what secretgate (or ESO before it) wrote on a Secret. */
class ManagedKeysTest {

  static Secret annotated(String value) {
    return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName("s")
        .addToAnnotations("managed-keys.secretgate.io/es", value).build()).build();
  }

  static ManagedFieldsEntry esoEntry(String manager, Map<String, Object> fields) {
    ManagedFieldsEntry e = new ManagedFieldsEntry();
    e.setManager(manager);
    FieldsV1 f = new FieldsV1();
    f.setAdditionalProperties(fields);
    e.setFieldsV1(f);
    return e;
  }

  @Test
  void round_trips_through_its_annotation_sorted() {
    ManagedKeys keys = new ManagedKeys(List.of("user", "password"), List.of("team"), List.of("docs", "a/b"));

    assertThat(keys.toAnnotation())
        .isEqualTo("{\"annotations\":[\"a/b\",\"docs\"],\"data\":[\"password\",\"user\"],\"labels\":[\"team\"]}");
    assertThat(ManagedKeys.of(annotated(keys.toAnnotation()), "es")).isEqualTo(keys);
  }

  @Test
  void an_unreadable_annotation_means_nothing_is_ours() {
    assertThat(ManagedKeys.of(annotated("password,user"), "es")).isEqualTo(ManagedKeys.NONE);
    assertThat(ManagedKeys.of(annotated("{\"data\":\"password\"}"), "es").data()).isEmpty();
  }

  @Test
  void our_annotation_wins_over_esos_managed_fields() {
    Secret s = annotated("{\"data\":[\"mine\"]}");
    s.getMetadata().setManagedFields(List.of(esoEntry("externalsecrets.external-secrets.io/es", Map.of("f:data", Map.of("f:eso", Map.of())))));

    assertThat(ManagedKeys.of(s, "es").data()).containsExactly("mine");
  }

  @Test
  void each_externalsecret_has_its_own_annotation_whose_name_stays_valid_for_the_longest_names() {
    String longest = "a".repeat(253);

    assertThat(ManagedKeys.annotationName("db-part")).isEqualTo("managed-keys.secretgate.io/db-part");
    assertThat(ManagedKeys.annotationName("a".repeat(63))).isEqualTo("managed-keys.secretgate.io/" + "a".repeat(63));
    assertThat(ManagedKeys.annotationName(longest)).isEqualTo("managed-keys.secretgate.io/sha3_" + DataHash.ofString(longest))
        .matches("managed-keys\\.secretgate\\.io/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    assertThat(ManagedKeys.annotationName("a".repeat(64))).isNotEqualTo(ManagedKeys.annotationName(longest));
  }

  @Test
  void another_externalsecrets_annotation_says_nothing_about_this_one_but_counts_as_theirs() {
    Secret s = annotated("{\"data\":[\"mine\"]}");
    s.getMetadata().getAnnotations().put("managed-keys.secretgate.io/other", "{\"data\":[\"theirs\",\"both\"]}");
    s.getMetadata().setManagedFields(List.of(esoEntry("externalsecrets.external-secrets.io/eso-one", Map.of("f:data", Map.of("f:eso", Map.of())))));

    assertThat(ManagedKeys.of(s, "other").data()).containsExactly("both", "theirs");
    assertThat(ManagedKeys.ofOthers(s, "es").data()).containsExactly("both", "eso", "theirs");
    assertThat(ManagedKeys.ofOthers(s, "other").data()).containsExactly("eso", "mine");
    assertThat(ManagedKeys.of(s, "third")).isEqualTo(ManagedKeys.NONE);
  }

  @Test
  void the_single_list_of_earlier_releases_counts_only_for_the_controlling_externalsecret() {
    Secret s = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName("s")
        .addToAnnotations("secretgate.io/managed-keys", "{\"data\":[\"password\"]}")
        .addNewOwnerReference().withApiVersion("external-secrets.io/v1").withKind("ExternalSecret").withName("owner")
        .withUid("u1").withController(true).endOwnerReference().build()).build();

    assertThat(ManagedKeys.of(s, "owner").data()).containsExactly("password");
    assertThat(ManagedKeys.of(s, "merging").data()).isEmpty();
  }

  @Test
  void without_it_esos_field_manager_for_this_externalsecret_is_read() {
    String longName = "a".repeat(70);
    Secret s = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName("s").build()).build();
    s.getMetadata().setManagedFields(List.of(
        esoEntry("externalsecrets.external-secrets.io/sha3/" + DataHash.ofString(longName),
            Map.of("f:data", Map.of(".", Map.of(), "f:password", Map.of()),
                "f:metadata", Map.of("f:labels", Map.of("f:team", Map.of()), "f:annotations", Map.of("f:docs", Map.of())))),
        esoEntry("externalsecrets.external-secrets.io/someone-else", Map.of("f:data", Map.of("f:theirs", Map.of()))),
        esoEntry("kubectl-edit", Map.of("f:data", Map.of("f:manual", Map.of())))));

    ManagedKeys keys = ManagedKeys.of(s, longName);

    assertThat(keys.data()).containsExactly("password");
    assertThat(keys.labels()).containsExactly("team");
    assertThat(keys.annotations()).containsExactly("docs");
  }
}

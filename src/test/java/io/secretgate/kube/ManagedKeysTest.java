package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.secretgate.api.SecretgateKeys;
import io.secretgate.secrets.DataHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookkeeping of what secretgate (or ESO before it) wrote on a Secret. */
class ManagedKeysTest {

  static Secret annotated(String value) {
    return new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName("s")
        .addToAnnotations(SecretgateKeys.ANNOTATION_MANAGED_KEYS, value).build()).build();
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

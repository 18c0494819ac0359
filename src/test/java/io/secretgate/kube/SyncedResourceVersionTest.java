package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ExternalSecret;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ESO's syncedResourceVersion, against vectors printed by Go's fmt ({@code synced-resource-version.json}). */
class SyncedResourceVersionTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  record Case(long generation, Map<String, String> labels, Map<String, String> annotations, String goText, String expected) {
    @Override
    public String toString() {
      return goText.replace("\n", "\\n");
    }
  }

  static Stream<Case> cases() throws IOException {
    try (InputStream in = SyncedResourceVersionTest.class.getResourceAsStream("/io/secretgate/kube/synced-resource-version.json")) {
      List<Case> out = new java.util.ArrayList<>();
      for (JsonNode c : JSON.readTree(in).get("cases")) {
        out.add(new Case(c.get("generation").asLong(), map(c.get("labels")), map(c.get("annotations")), c.get("goText").asString(),
            c.get("expected").asString()));
      }
      return out.stream();
    }
  }

  static Map<String, String> map(JsonNode node) {
    if (node == null || node.isNull()) return null;
    Map<String, String> out = new LinkedHashMap<>();
    node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches_eso_for(Case c) {
    assertThat(SyncedResourceVersion.of(c.generation(), c.labels(), c.annotations())).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void prints_the_metadata_as_go_does(Case c) {
    assertThat("{annotations:" + SyncedResourceVersion.goMap(c.annotations()) + " labels:" + SyncedResourceVersion.goMap(c.labels()) + "}")
        .isEqualTo(c.goText());
  }

  @Test
  void is_read_from_the_externalsecret_generation_labels_and_annotations() {
    ExternalSecret es = new ExternalSecret();
    es.setMetadata(new ObjectMetaBuilder().withName("db").withGeneration(3L).addToLabels("app", "db").build());

    assertThat(SyncedResourceVersion.of(es)).isEqualTo("3-cfb0ea735052bee079cc9f0036f320c6b7f680a1de74479735c75c22");
  }

  @Test
  void any_label_or_annotation_change_changes_it() {
    String base = SyncedResourceVersion.of(1L, Map.of("app", "db"), Map.of());
    assertThat(SyncedResourceVersion.of(1L, Map.of("app", "db"), Map.of("force-sync", "1"))).isNotEqualTo(base);
    assertThat(SyncedResourceVersion.of(1L, Map.of("app", "db2"), Map.of())).isNotEqualTo(base);
    assertThat(SyncedResourceVersion.of(2L, Map.of("app", "db"), Map.of())).isNotEqualTo(base).startsWith("2-");
  }
}

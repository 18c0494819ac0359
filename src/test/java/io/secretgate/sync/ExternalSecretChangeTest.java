package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ExternalSecretChangeTest {
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Path FIXTURE = Path.of("src/test/resources/io/secretgate/sync/change-es.yaml");

  @Test
  void the_same_external_secret_again_as_after_a_relist_asks_for_no_sync() {
    assertThat(ExternalSecretChange.asksForSync(es(), es())).isFalse();
  }

  @Test
  void a_status_write_with_a_new_resource_version_asks_for_no_sync_even_when_it_says_the_sync_failed() {
    ExternalSecret after = es();
    after.getMetadata().setResourceVersion("42");
    Condition ready = after.getStatus().conditions.get(0);
    ready.status = "False";
    ready.reason = "SecretSyncedError";
    ready.message = "could not get secret data from provider";

    assertThat(ExternalSecretChange.asksForSync(es(), after)).isFalse();
  }

  @Test
  void a_changed_spec_asks_for_a_sync_even_when_the_generation_stays_as_on_the_mock_server() {
    ExternalSecret after = es();
    after.getSpec().refreshInterval = "5m";

    assertThat(ExternalSecretChange.asksForSync(es(), after)).isTrue();
  }

  @Test
  void a_new_generation_labels_annotations_finalizers_or_deletion_each_ask_for_a_sync() {
    ExternalSecret generation = es();
    generation.getMetadata().setGeneration(4L);
    ExternalSecret labels = es();
    labels.getMetadata().setLabels(Map.of("team", "billing"));
    ExternalSecret annotations = es();
    annotations.getMetadata().setAnnotations(Map.of("force-sync", "1764410000"));
    ExternalSecret finalizers = es();
    finalizers.getMetadata().setFinalizers(List.of("externalsecrets.external-secrets.io/externalsecret-cleanup"));
    ExternalSecret deleted = es();
    deleted.getMetadata().setDeletionTimestamp("2026-11-29T11:00:00Z");

    for (ExternalSecret after : List.of(generation, labels, annotations, finalizers, deleted)) {
      assertThat(ExternalSecretChange.asksForSync(es(), after)).as(after.getMetadata().toString()).isTrue();
    }
  }

  @Test
  void no_labels_and_empty_labels_are_the_same() {
    ExternalSecret before = es();
    before.getMetadata().setLabels(null);
    before.getMetadata().setAnnotations(null);
    ExternalSecret after = es();
    after.getMetadata().setLabels(Map.of());
    after.getMetadata().setAnnotations(Map.of());

    assertThat(ExternalSecretChange.asksForSync(before, after)).isFalse();
  }

  private static ExternalSecret es() {
    return YAML.readValue(FIXTURE.toFile(), ExternalSecret.class);
  }
}

package io.secretgate.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.sync.SyncLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON log lines: one object per line, fields from key-value pairs, never a Secret value. */
class JsonLoggerTest {
  final JsonMapper json = JsonMapper.builder().build();
  final List<String> lines = new CopyOnWriteArrayList<>();
  final JsonLogger logger = new JsonLogger("io.secretgate.sync.SyncLog", Level.INFO, lines::add);

  JsonNode only() {
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).doesNotContain("\n");
    return json.readTree(lines.get(0));
  }

  @Test
  void a_sync_outcome_is_one_json_object_with_kind_namespace_and_name_as_fields_and_no_value() {
    String secretValue = "s3cr3t-value";
    new SyncLog(logger).failure("ExternalSecret", "payments", "db-credentials", "SecretSyncedError",
        new RuntimeException("Vault sealed", new IllegalStateException("password=" + secretValue)), Duration.ofMillis(40));

    JsonNode line = only();
    assertThat(line.get("level").asString()).isEqualTo("WARN");
    assertThat(line.get("logger").asString()).isEqualTo("io.secretgate.sync.SyncLog");
    assertThat(line.get("message").asString()).isEqualTo("failed");
    assertThat(line.get("kind").asString()).isEqualTo("ExternalSecret");
    assertThat(line.get("namespace").asString()).isEqualTo("payments");
    assertThat(line.get("name").asString()).isEqualTo("db-credentials");
    assertThat(line.get("reason").asString()).isEqualTo("SecretSyncedError");
    assertThat(line.get("duration_ms").asLong()).isEqualTo(40);
    assertThat(line.get("error").asString()).isEqualTo("RuntimeException: Vault sealed");
    assertThat(line.has("time")).isTrue();
    assertThat(line.has("thread")).isTrue();
    assertThat(lines.get(0)).doesNotContain(secretValue);
  }

  @Test
  void a_plain_message_has_its_arguments_filled_in_and_text_is_escaped() {
    logger.info("lease {} taken by \"{}\"\n", "ops/secretgate-leader", "pod-a");
    JsonNode line = only();
    assertThat(line.get("message").asString()).isEqualTo("lease ops/secretgate-leader taken by \"pod-a\"\n");
    assertThat(line.get("level").asString()).isEqualTo("INFO");
  }

  @Test
  void a_throwable_gives_exception_and_stack_fields() {
    logger.error("informer failed", new IllegalStateException("watch closed"));
    JsonNode line = only();
    assertThat(line.get("exception").asString()).isEqualTo("java.lang.IllegalStateException: watch closed");
    assertThat(line.get("stack").asString()).startsWith("java.lang.IllegalStateException: watch closed\n\tat ");
  }

  @Test
  void events_below_the_threshold_are_dropped() {
    logger.debug("noise");
    logger.atDebug().addKeyValue("k", "v").log("noise");
    assertThat(lines).isEmpty();
  }

  @Test
  void a_key_that_clashes_with_a_base_field_is_prefixed() {
    logger.atInfo().addKeyValue("message", "mine").log("theirs");
    JsonNode line = only();
    assertThat(line.get("message").asString()).isEqualTo("theirs");
    assertThat(line.get("field.message").asString()).isEqualTo("mine");
  }
}

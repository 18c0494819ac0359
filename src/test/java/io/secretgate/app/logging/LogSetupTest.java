package io.secretgate.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Logging as the process sets it up, checked in a fresh JVM (SLF4J picks its provider once per JVM). */
class LogSetupTest {

  /** The probe's stderr, run with {@code args}: the format, then optionally the level. */
  static List<String> stderrOf(String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), LogProbe.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return err.lines().toList();
  }

  @Test
  void json_format_writes_only_json_objects_one_per_line_through_our_provider() throws Exception {
    List<String> lines = stderrOf("JSON");
    JsonMapper json = JsonMapper.builder().build();
    assertThat(lines).hasSize(2);
    JsonNode sync = json.readTree(lines.get(0));
    assertThat(sync.get("kind").asString()).isEqualTo("ExternalSecret");
    assertThat(sync.get("namespace").asString()).isEqualTo("payments");
    assertThat(sync.get("name").asString()).isEqualTo("db-credentials");
    assertThat(sync.get("outcome").asString()).isEqualTo("synced");
    assertThat(json.readTree(lines.get(1)).get("message").asString()).isEqualTo("shutting down");
  }

  @Test
  void text_format_writes_slf4j_simple_lines_with_key_value_pairs_and_quiets_jetty() throws Exception {
    List<String> lines = stderrOf("TEXT");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ \\[main\\] INFO SyncLog - kind=ExternalSecret "
        + "namespace=payments name=db-credentials outcome=synced reason=SecretSynced duration_ms=3 synced");
    assertThat(lines.get(1)).endsWith("WARN ServeProcess - shutting down");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"TEXT", "JSON"})
  void at_trace_level_the_kubernetes_clients_bearer_token_the_secrets_it_reads_and_the_request_bytes_jetty_reads_stay_out_of_the_log(String format)
      throws Exception {
    List<String> lines = stderrOf(format, "TRACE");

    assertThat(lines).anyMatch(l -> l.contains("tracing"));
    assertThat(String.join("\n", lines)).doesNotContain(LogProbe.TOKEN).doesNotContain(LogProbe.SECRET_DATA).doesNotContain("canary-inline-env");
  }
}

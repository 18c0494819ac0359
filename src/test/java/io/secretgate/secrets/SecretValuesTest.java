package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.secrets.BuildOutcome.FailureKind;
import io.secretgate.secrets.json.JsonValue;
import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rendering table of eso-facts §3.3, driven by {@code values/rendering.json}. */
class SecretValuesTest {
  private static final JsonObject TABLE = (JsonObject) Fixtures.json("values/rendering.json");
  private static final JsonObject SECRET = (JsonObject) TABLE.get("secret");

  static Stream<Arguments> direct() {
    return cases("direct");
  }

  static Stream<Arguments> gjson() {
    return cases("gjson");
  }

  static Stream<Arguments> notFound() {
    return list("notFound");
  }

  static Stream<Arguments> unsupported() {
    return list("unsupported");
  }

  private static Stream<Arguments> cases(String table) {
    return ((JsonObject) TABLE.get(table)).members().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), ((JsonString) e.getValue()).value()));
  }

  private static Stream<Arguments> list(String table) {
    return ((JsonArray) TABLE.get(table)).elements().stream().map(v -> Arguments.of(((JsonString) v).value()));
  }

  @ParameterizedTest(name = "property {0} read as a top-level key renders {1}")
  @MethodSource("direct")
  void a_property_naming_a_top_level_key_renders_the_value_as_vault_wrote_it(String property, String expected) throws Exception {
    assertThat(string(SecretValues.getSecretValue(SECRET, property))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "property {0} read as a gjson path renders {1}")
  @MethodSource("gjson")
  void a_property_that_is_no_top_level_key_is_a_gjson_path(String property, String expected) throws Exception {
    assertThat(string(SecretValues.getSecretValue(SECRET, property))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "property {0} is not found")
  @MethodSource("notFound")
  void a_path_that_finds_nothing_fails_with_esos_message(String property) {
    assertThatThrownBy(() -> SecretValues.getSecretValue(SECRET, property))
        .isInstanceOfSatisfying(SyncError.class, e -> {
          assertThat(e.kind()).isEqualTo(FailureKind.DATA);
          assertThat(e.isNoSecret()).isFalse();
        })
        .hasMessage("cannot find secret data for key: " + GoText.quote(property));
  }

  @ParameterizedTest(name = "property {0} is refused as unsupported")
  @MethodSource("unsupported")
  void gjson_syntax_outside_the_subset_is_refused_never_guessed(String property) {
    assertThatThrownBy(() -> SecretValues.getSecretValue(SECRET, property))
        .isInstanceOfSatisfying(SyncError.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.UNSUPPORTED))
        .hasMessageStartingWith("secretgate does not support remoteRef.property " + GoText.quote(property) + ": gjson ");
  }

  @Test
  void the_literal_key_wins_over_the_gjson_path_with_the_same_text() throws Exception {
    assertThat(string(SecretValues.getSecretValue(SECRET, "dotted.key"))).isEqualTo("literal");
    JsonObject withoutLiteral = new JsonObject(Map.of("dotted", SECRET.get("dotted")));
    assertThat(string(SecretValues.getSecretValue(withoutLiteral, "dotted.key"))).isEqualTo("nested");
  }

  @Test
  void no_property_renders_the_whole_secret_as_compact_sorted_html_escaped_json() throws Exception {
    assertThat(string(SecretValues.getSecretValue(SECRET, null))).isEqualTo(((JsonString) TABLE.get("wholeSecret")).value());
    assertThat(string(SecretValues.getSecretValue(SECRET, ""))).isEqualTo(((JsonString) TABLE.get("wholeSecret")).value());
  }

  @Test
  void extract_renders_every_top_level_key_through_float64() throws Exception {
    Map<String, byte[]> extracted = SecretValues.extract(SecretValues.getSecretValue(SECRET, null));
    JsonObject expected = (JsonObject) TABLE.get("extract");
    assertThat(Fixtures.strings(extracted)).containsExactlyInAnyOrderEntriesOf(
        Fixtures.strings(toBytes(expected)));
  }

  @Test
  void extract_of_a_property_holding_a_json_string_decodes_that_string() throws Exception {
    JsonObject secret = new JsonObject(Map.of("config", new JsonString("{\"user\":\"app\",\"port\":5432.0}")));
    assertThat(Fixtures.strings(SecretValues.extract(SecretValues.getSecretValue(secret, "config"))))
        .containsExactlyInAnyOrderEntriesOf(Map.of("user", "app", "port", "5432"));
  }

  @Test
  void extract_of_something_that_is_no_object_fails_without_showing_it() {
    JsonObject secret = new JsonObject(Map.of("s", new JsonString("s3cr3t"), "n", JsonValue.JsonNull.INSTANCE,
        "q", new JsonString("\"s3cr3t\"")));
    assertThatThrownBy(() -> SecretValues.extract(SecretValues.getSecretValue(secret, "s")))
        .hasMessage("invalid JSON (value not shown)");
    assertThatThrownBy(() -> SecretValues.extract(SecretValues.getSecretValue(secret, "n")))
        .hasMessage("unexpected end of JSON input");
    assertThatThrownBy(() -> SecretValues.extract(SecretValues.getSecretValue(secret, "q")))
        .hasMessage("json: cannot unmarshal string into Go value of type map[string]interface {}");
  }

  @Test
  void extract_refuses_a_number_float64_cannot_hold_like_go() {
    JsonObject secret = new JsonObject(Map.of("n", new JsonValue.JsonNumber("1e400")));
    assertThatThrownBy(() -> SecretValues.extract(SecretValues.getSecretValue(secret, null)))
        .hasMessage("json: cannot unmarshal number into Go value of type float64");
  }

  private static Map<String, byte[]> toBytes(JsonObject o) {
    Map<String, byte[]> out = new java.util.HashMap<>();
    o.members().forEach((k, v) -> out.put(k, ((JsonString) v).value().getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

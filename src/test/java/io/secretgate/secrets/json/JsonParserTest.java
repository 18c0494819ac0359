package io.secretgate.secrets.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonNumber;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonParserTest {

  @Test
  void number_literals_are_kept_exactly_as_written() throws Exception {
    JsonObject o = (JsonObject) JsonParser.parse("{\"a\": 1.50, \"b\": 1e3, \"c\": -0, \"d\": 12345678901234567891, \"e\": 1E+3}");
    assertThat(o.get("a")).isEqualTo(new JsonNumber("1.50"));
    assertThat(o.get("b")).isEqualTo(new JsonNumber("1e3"));
    assertThat(o.get("c")).isEqualTo(new JsonNumber("-0"));
    assertThat(o.get("d")).isEqualTo(new JsonNumber("12345678901234567891"));
    assertThat(o.get("e")).isEqualTo(new JsonNumber("1E+3"));
  }

  @Test
  void escapes_are_decoded_and_a_lone_surrogate_becomes_the_replacement_character() throws Exception {
    JsonArray a = (JsonArray) JsonParser.parse("[\"a\\u003cb\\n\\\"\", \"\\ud83d\\ude00\", \"\\ud800x\"]");
    assertThat(a.elements()).containsExactly(new JsonString("a<b\n\""), new JsonString("😀"), new JsonString("\uFFFDx"));
  }

  @Test
  void a_duplicate_member_keeps_the_last_value_like_go() throws Exception {
    JsonObject o = (JsonObject) JsonParser.parse("{\"a\":1,\"a\":2}");
    assertThat(o.members()).hasSize(1).containsEntry("a", new JsonNumber("2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "{a:1}", "'x'", "\"\u0001\"", "tru", "1 2",
      "\"\\x\"", "\"\\u12G4\"", "\"\\u٣٣٣٣\"", "NaN"})
  void text_go_would_refuse_is_refused(String text) {
    assertThatThrownBy(() -> JsonParser.parse(text)).isInstanceOf(JsonSyntaxException.class);
  }

  @Test
  void a_syntax_error_names_the_position_but_never_the_text() {
    assertThatThrownBy(() -> JsonParser.parse("{\"password\": s3cr3t}"))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessageContaining("offset 13")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void to_string_of_values_never_shows_contents() throws Exception {
    JsonValue v = JsonParser.parse("{\"k\":[\"s3cr3t\", 4242, true]}");
    assertThat(v.toString()).doesNotContain("s3cr3t").doesNotContain("4242").doesNotContain("true");
  }
}

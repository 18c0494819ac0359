package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawJsonTest {

  @Test
  void members_are_the_exact_source_text_of_each_value() throws Exception {
    String json = " {\"a\" : 1.50 , \"b\":{ \"x\" : [1e3, -0.0, \"\\u00e9\"] },\"c\":null,\"d\":\"q\\\"\"}\n";
    assertThat(RawJson.members(json))
        .containsExactly(
            entry("a", "1.50"),
            entry("b", "{ \"x\" : [1e3, -0.0, \"\\u00e9\"] }"),
            entry("c", "null"),
            entry("d", "\"q\\\"\""));
  }

  @Test
  void a_repeated_member_keeps_its_last_value_as_go_does() throws Exception {
    assertThat(RawJson.members("{\"data\":1,\"data\":{\"k\":2}}")).containsEntry("data", "{\"k\":2}").hasSize(1);
  }

  @Test
  void member_names_are_compared_decoded() throws Exception {
    assertThat(RawJson.members("{\"d\\u0061ta\":{}}")).containsEntry("data", "{}");
  }

  @Test
  void an_empty_object_has_no_members() throws Exception {
    assertThat(RawJson.members("{ }")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "[]", "\"data\"", "{", "{\"a\":1,}", "{'a':1}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":1.}", "{\"a\":.5}",
      "{\"a\":\"x}", "{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":1} x", "{\"a\" 1}",
      "{\"a\":tru}", "{\"a\":[1 2]}", "{a:1}", "{\"a\":1}}"})
  void text_that_is_not_a_json_object_is_refused(String text) {
    assertThatThrownBy(() -> RawJson.members(text)).isInstanceOf(RawJson.MalformedJsonException.class).hasMessageContaining("at offset");
  }

  @Test
  void deep_nesting_is_refused_without_a_stack_overflow() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> RawJson.members(deep)).isInstanceOf(RawJson.MalformedJsonException.class).hasMessageContaining("nested");
  }

  @Test
  void the_error_message_gives_the_offset_and_never_the_text() {
    assertThatThrownBy(() -> RawJson.members("{\"password\":\"hunter2\" oops}"))
        .hasMessageNotContaining("hunter2").hasMessageNotContaining("password").hasMessageContaining("offset 22");
  }

  @Test
  void is_valid_accepts_any_single_json_value() {
    assertThat(RawJson.isValid(" [1, {\"a\": [true, false, null]}, \"s\", -1.5E+3] ")).isTrue();
    assertThat(RawJson.isValid("42")).isTrue();
    assertThat(RawJson.isValid("[1,]")).isFalse();
  }
}

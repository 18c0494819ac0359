package io.secretgate.secrets.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonTest {

  @Test
  void objects_are_compact_with_keys_sorted_by_utf8_bytes() throws Exception {
    // U+FF5E sorts before U+1F600 in UTF-8 (EF.. < F0..) but after it in UTF-16 (FF5E > D83D)
    JsonValue v = JsonParser.parse("{\"b\": 1, \"a\": {\"😀\": 1, \"～\": 2}, \"B\": [true, null]}");
    assertThat(GoJson.marshal(v)).isEqualTo("{\"B\":[true,null],\"a\":{\"～\":2,\"😀\":1},\"b\":1}");
  }

  @Test
  void html_characters_and_line_separators_are_escaped_like_go() throws Exception {
    JsonValue v = JsonParser.parse("\"<a href='x'>&amp;</a>\\u2028\\u2029\"");
    assertThat(GoJson.marshal(v)).isEqualTo("\"\\u003ca href='x'\\u003e\\u0026amp;\\u003c/a\\u003e\\u2028\\u2029\"");
  }

  @Test
  void control_characters_use_short_escapes_where_go_does() throws Exception {
    JsonValue v = JsonParser.parse("\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f/\\\\\\\"\"");
    assertThat(GoJson.marshal(v)).isEqualTo("\"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f/\\\\\\\"\"");
  }

  @ParameterizedTest(name = "{0} is written {1} as a literal and {2} as a float64")
  @CsvSource(delimiter = '|', value = {
      "1.50 | 1.50 | 1.5",
      "1e3 | 1e3 | 1000",
      "5432 | 5432 | 5432",
      "-0 | -0 | -0",
      "1e21 | 1e21 | 1e+21",
      "123456789e13 | 123456789e13 | 1.23456789e+21",
      "0.0000001 | 0.0000001 | 1e-7",
      "0.000001 | 0.000001 | 0.000001",
      "12345678901234567891 | 12345678901234567891 | 12345678901234567000",
  })
  void numbers_are_written_as_literals_or_as_go_writes_a_float64(String literal, String asLiteral, String asFloat) {
    JsonValue v = new JsonValue.JsonNumber(literal);
    assertThat(GoJson.marshal(v)).isEqualTo(asLiteral);
    assertThat(GoJson.marshal(v, GoJson.Numbers.FLOAT64)).isEqualTo(asFloat);
  }
}

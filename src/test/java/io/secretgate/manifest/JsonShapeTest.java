package io.secretgate.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class JsonShapeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest(name = "{0} is described as {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\": 1}  | a map",
      "[1, 2]      | a list",
      "\"text\"    | a string",
      "42          | a number",
      "4.5         | a number",
      "true        | a boolean",
      "null        | null"})
  void every_json_value_is_named_by_its_shape(String json, String expected) {
    assertEquals(expected, JsonShape.describe(JSON.readTree(json)));
  }

  @ParameterizedTest(name = "a missing field is described as a value")
  @CsvSource("{}")
  void a_missing_node_is_just_a_value(String json) {
    assertEquals("a value", JsonShape.describe(JSON.readTree(json).path("absent")));
  }
}

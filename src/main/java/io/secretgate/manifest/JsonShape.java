package io.secretgate.manifest;

import tools.jackson.databind.JsonNode;

/** What a JSON or YAML value is, in the words an error message uses ("holds a list, not a map"). */
public final class JsonShape {
  private JsonShape() {}

  /** "a map", "a list", "a string", "a number", "a boolean", "null", or "a value". */
  public static String describe(JsonNode v) {
    if (v.isObject()) return "a map";
    if (v.isArray()) return "a list";
    if (v.isString()) return "a string";
    if (v.isNumber()) return "a number";
    if (v.isBoolean()) return "a boolean";
    if (v.isNull()) return "null";
    return "a value";
  }
}

package io.secretgate.validation.schema;

import tools.jackson.databind.JsonNode;

/** The OpenAPI type name of a JSON value, as the API server names it in its messages. */
final class JsonTypes {
  private JsonTypes() {}

  static String typeOf(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) return "null";
    if (value.isObject()) return "object";
    if (value.isArray()) return "array";
    if (value.isString()) return "string";
    if (value.isBoolean()) return "boolean";
    if (isInteger(value)) return "integer";
    if (value.isNumber()) return "number";
    return "string"; // binary and POJO nodes do not come out of a YAML/JSON parser
  }

  /** Integers, and floating-point values without a fraction (JSON has one number type). */
  static boolean isInteger(JsonNode value) {
    if (value.isIntegralNumber()) return true;
    if (!value.isFloatingPointNumber()) return false;
    double d = value.doubleValue();
    return !Double.isInfinite(d) && d == Math.rint(d);
  }

  static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "boolean" -> value.isBoolean();
      case "integer" -> value.isNumber() && isInteger(value);
      case "number" -> value.isNumber();
      default -> true; // an unknown type name is the schema's problem, not the object's
    };
  }

  /** How the API server quotes a value in a message: strings in double quotes, others as JSON. */
  static String quote(JsonNode value) {
    if (value.isString()) return '"' + shorten(escape(value.asString())) + '"';
    if (value.isContainer()) return '"' + typeOf(value) + '"';
    return value.toString();
  }

  static String quote(String text) {
    return '"' + shorten(escape(text)) + '"';
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}

package io.secretgate.secrets.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON value as Vault sent it. Numbers keep their literal text ({@code 1.50} stays {@code 1.50}),
 * because ESO renders a number read through a direct key exactly as written but a number read
 * through gjson or {@code dataFrom.extract} as a float64. Object members keep their input order;
 * every encoder sorts them the way Go does.
 *
 * <p>{@code toString()} never shows string or number contents: values may be secrets.
 */
public sealed interface JsonValue {

  /** A JSON object; a duplicate member name keeps the last value (Go's decoder does the same). */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public JsonObject {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public static JsonObject of(Map<String, ? extends JsonValue> members) {
      return new JsonObject(new LinkedHashMap<>(members));
    }

    public JsonValue get(String name) {
      return members.get(name);
    }

    public boolean has(String name) {
      return members.containsKey(name);
    }

    @Override
    public String toString() {
      return "JsonObject" + members.keySet();
    }
  }

  /** A JSON array. */
  record JsonArray(List<JsonValue> elements) implements JsonValue {
    public JsonArray {
      elements = List.copyOf(elements);
    }

    @Override
    public String toString() {
      return "JsonArray[" + elements.size() + " elements]";
    }
  }

  /** A JSON string (already unescaped). */
  record JsonString(String value) implements JsonValue {
    public JsonString {
      Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
      return "JsonString[<hidden>]";
    }
  }

  /** A JSON number with its literal text exactly as written ({@code 1.50}, {@code 1e3}, {@code -0}). */
  record JsonNumber(String literal) implements JsonValue {
    public JsonNumber {
      Objects.requireNonNull(literal);
    }

    @Override
    public String toString() {
      return "JsonNumber[<hidden>]";
    }
  }

  /** {@code true} or {@code false}. */
  record JsonBool(boolean value) implements JsonValue {
    @Override
    public String toString() {
      return "JsonBool[<hidden>]";
    }
  }

  /** {@code null}. */
  enum JsonNull implements JsonValue {
    INSTANCE
  }

  static JsonString string(String s) {
    return new JsonString(s);
  }

  static JsonNumber number(String literal) {
    return new JsonNumber(literal);
  }
}

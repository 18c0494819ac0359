package io.secretgate.validation.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * One node of an OpenAPI v3 structural schema, parsed once: the keywords the API server validates
 * with. Keywords that only document (description, example, x-kubernetes-list-type, ...) are ignored.
 */
final class SchemaNode {
  final String type;
  final String format;
  final boolean nullable;
  final boolean intOrString;
  final boolean preserveUnknownFields;
  final JsonNode defaultValue;
  final Map<String, SchemaNode> properties;
  final List<String> required;
  final SchemaNode additionalProperties;
  final boolean additionalPropertiesAllowed;
  final SchemaNode items;
  final List<JsonNode> enumValues;
  final Pattern pattern;
  final String patternText;
  final Long minLength;
  final Long maxLength;
  final Long minItems;
  final Long maxItems;
  final Long minProperties;
  final Long maxProperties;
  final List<SchemaNode> anyOf;
  final List<SchemaNode> allOf;

  private SchemaNode(JsonNode s, String location) {
    if (!s.isObject()) throw new IllegalArgumentException("schema at " + location + " is not an object");
    type = text(s, "type");
    format = text(s, "format");
    nullable = s.path("nullable").asBoolean(false);
    intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
    preserveUnknownFields = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    defaultValue = s.has("default") ? s.get("default").deepCopy() : null;
    properties = parseProperties(s.get("properties"), location);
    required = strings(s.get("required"));
    JsonNode additional = s.get("additionalProperties");
    additionalProperties = additional != null && additional.isObject() ? new SchemaNode(additional, location + ".additionalProperties") : null;
    additionalPropertiesAllowed = additional != null && additional.isBoolean() && additional.booleanValue();
    items = s.has("items") ? new SchemaNode(s.get("items"), location + ".items") : null;
    enumValues = s.has("enum") ? list(s.get("enum")) : List.of();
    patternText = text(s, "pattern");
    pattern = compile(patternText, location);
    minLength = number(s, "minLength");
    maxLength = number(s, "maxLength");
    minItems = number(s, "minItems");
    maxItems = number(s, "maxItems");
    minProperties = number(s, "minProperties");
    maxProperties = number(s, "maxProperties");
    anyOf = parseList(s.get("anyOf"), location + ".anyOf");
    allOf = parseList(s.get("allOf"), location + ".allOf");
  }

  /** Parses {@code schema}; {@code location} names it in the exception thrown for a broken schema. */
  static SchemaNode parse(JsonNode schema, String location) {
    return new SchemaNode(schema, location);
  }

  /** Whether unknown properties of an object at this node are kept rather than pruned. */
  boolean keepsUnknownFields() {
    return preserveUnknownFields || additionalPropertiesAllowed;
  }

  /** Whether this node says anything about a value's type (int-or-string and preserve nodes may not). */
  boolean constrainsType() {
    return type != null || intOrString;
  }

  private static Map<String, SchemaNode> parseProperties(JsonNode props, String location) {
    if (props == null || !props.isObject()) return Map.of();
    Map<String, SchemaNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      out.put(e.getKey(), new SchemaNode(e.getValue(), location + ".properties." + e.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<SchemaNode> parseList(JsonNode array, String location) {
    if (array == null || !array.isArray()) return List.of();
    List<SchemaNode> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) out.add(new SchemaNode(array.get(i), location + "[" + i + "]"));
    return List.copyOf(out);
  }

  private static Pattern compile(String regex, String location) {
    if (regex == null) return null;
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("schema at " + location + " has an invalid pattern: " + e.getDescription(), e);
    }
  }

  private static String text(JsonNode s, String name) {
    JsonNode v = s.get(name);
    return v != null && v.isString() ? v.asString() : null;
  }

  private static Long number(JsonNode s, String name) {
    JsonNode v = s.get(name);
    return v != null && v.isNumber() ? v.longValue() : null;
  }

  private static List<String> strings(JsonNode array) {
    if (array == null || !array.isArray()) return List.of();
    List<String> out = new ArrayList<>();
    for (JsonNode v : array) if (v.isString()) out.add(v.asString());
    return List.copyOf(out);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null && array.isArray()) for (JsonNode v : array) out.add(v.deepCopy());
    return List.copyOf(out);
  }
}

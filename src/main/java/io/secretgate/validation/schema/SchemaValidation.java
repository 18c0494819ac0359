package io.secretgate.validation.schema;

import static io.secretgate.validation.schema.JsonTypes.quote;
import static io.secretgate.validation.schema.JsonTypes.typeOf;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** One validation run of a value against a {@link SchemaNode}: walks both and collects findings. */
final class SchemaValidation {
  /** Root fields every Kubernetes object may carry, whatever its schema says. */
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final List<SchemaFinding> findings = new ArrayList<>();

  /**
   * Where a value sits, rendered ({@code spec.data[1].remoteRef.key}) only when a finding names it:
   * the walk visits every field and most objects have no finding.
   */
  private record Where(Where parent, String name, int index) {
    static final Where ROOT = new Where(null, "", -1);

    static Where of(String path) {
      return path.isEmpty() ? ROOT : new Where(null, path, -1);
    }

    Where field(String child) {
      return new Where(this, child, -1);
    }

    Where item(int i) {
      return new Where(this, null, i);
    }

    @Override
    public String toString() {
      if (parent == null) return name;
      String up = parent.toString();
      return name == null ? up + "[" + index + "]" : child(up, name);
    }
  }

  /** Validates a whole Kubernetes object (its root holds apiVersion, kind and metadata besides the schema's fields). */
  static List<SchemaFinding> ofObject(SchemaNode root, JsonNode object) {
    SchemaValidation run = new SchemaValidation();
    if (object == null || !object.isObject()) {
      run.error(Where.ROOT, invalidType(Where.ROOT, "object", object));
      return run.findings;
    }
    ObjectMetaRules.check(object.get("metadata"), run.findings);
    run.validate(root, object, Where.ROOT, ROOT_FIELDS);
    return List.copyOf(run.findings);
  }

  /** Validates any value against {@code schema}, its path starting at {@code path}. */
  static List<SchemaFinding> ofValue(SchemaNode schema, JsonNode value, String path) {
    return ofValue(schema, value, Where.of(path));
  }

  private static List<SchemaFinding> ofValue(SchemaNode schema, JsonNode value, Where path) {
    SchemaValidation run = new SchemaValidation();
    run.validate(schema, value, path, Set.of());
    return List.copyOf(run.findings);
  }

  private void validate(SchemaNode s, JsonNode value, Where path, Set<String> implicitFields) {
    if (value.isNull()) {
      if (!s.nullable && s.constrainsType()) error(path, invalidType(path, expectedType(s), value));
      return;
    }
    if (!hasExpectedType(s, value)) {
      error(path, invalidType(path, expectedType(s), value));
      return;
    }
    checkEnum(s, value, path);
    if (value.isString()) checkString(s, value.asString(), path);
    if (value.isArray()) checkArray(s, value, path);
    if (value.isObject()) checkObject(s, value, path, implicitFields);
    checkAnyOf(s, value, path);
    checkAllOf(s, value, path);
  }

  private static boolean hasExpectedType(SchemaNode s, JsonNode value) {
    if (s.intOrString) return value.isString() || value.isNumber() && JsonTypes.isInteger(value);
    return s.type == null || JsonTypes.hasType(value, s.type);
  }

  private static String expectedType(SchemaNode s) {
    return s.intOrString ? "integer,string" : s.type;
  }

  private void checkEnum(SchemaNode s, JsonNode value, Where path) {
    if (s.enumValues.isEmpty() || s.enumValues.contains(value)) return;
    String supported = s.enumValues.stream().map(JsonTypes::quote).collect(Collectors.joining(", "));
    error(path, "Unsupported value: " + quote(value) + ": supported values: " + supported);
  }

  private void checkString(SchemaNode s, String text, Where path) {
    long length = text.codePointCount(0, text.length());
    if (s.maxLength != null && length > s.maxLength) {
      error(path, "Too long: may not be longer than " + s.maxLength);
    }
    if (s.minLength != null && length < s.minLength) {
      error(path, "Invalid value: " + quote(text) + ": " + body(path) + " should be at least " + s.minLength + " chars long");
    }
    if (s.pattern != null && !s.pattern.matcher(text).find()) {
      error(path, "Invalid value: " + quote(text) + ": " + body(path) + " should match '" + s.patternText + "'");
    }
    if ("byte".equals(s.format) && !isBase64(text)) {
      error(path, "Invalid value: " + quote(text) + ": " + body(path) + " must be of type byte: " + quote(text));
    }
  }

  /** Go's standard base64 (padded; line breaks are skipped), which is what {@code format: byte} means. */
  private static boolean isBase64(String text) {
    String compact = text.replace("\r", "").replace("\n", "");
    if (compact.length() % 4 != 0) return false;
    try {
      Base64.getDecoder().decode(compact);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void checkArray(SchemaNode s, JsonNode array, Where path) {
    int size = array.size();
    if (s.maxItems != null && size > s.maxItems) {
      error(path, "Too many: " + size + ": must have at most " + s.maxItems + " items");
    }
    if (s.minItems != null && size < s.minItems) {
      error(path, "Invalid value: " + size + ": " + body(path) + " should have at least " + s.minItems + " items");
    }
    if (s.items == null) return;
    for (int i = 0; i < size; i++) validate(s.items, array.get(i), path.item(i), Set.of());
  }

  private void checkObject(SchemaNode s, JsonNode object, Where path, Set<String> implicitFields) {
    int kept = 0;
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      Where childPath = path.field(name);
      SchemaNode childSchema = s.properties.containsKey(name) ? s.properties.get(name) : s.additionalProperties;
      if (childSchema == null) {
        if (!s.keepsUnknownFields() && !implicitFields.contains(name)) {
          warning(childPath, "unknown field " + quote(childPath.toString()));
          continue;
        }
        kept++;
        continue;
      }
      if (value.isNull() && !childSchema.nullable) {
        warning(childPath, "null value dropped: the field is not nullable");
        continue;
      }
      kept++;
      validate(childSchema, value, childPath, Set.of());
    }
    for (String name : s.required) {
      if (!isPresent(s, object, name)) error(path.field(name), "Required value");
    }
    if (s.maxProperties != null && kept > s.maxProperties) {
      error(path, "Too many: " + kept + ": must have at most " + s.maxProperties + " items");
    }
    if (s.minProperties != null && kept < s.minProperties) {
      error(path, "Invalid value: " + kept + ": " + body(path) + " should have at least " + s.minProperties + " properties");
    }
  }

  /** Present after the API server's pruning and defaulting: a non-nullable null is dropped, a default fills a gap. */
  private static boolean isPresent(SchemaNode s, JsonNode object, String name) {
    SchemaNode property = s.properties.get(name);
    JsonNode value = object.get(name);
    boolean given = value != null && (!value.isNull() || property != null && property.nullable);
    return given || property != null && property.defaultValue != null;
  }

  private void checkAnyOf(SchemaNode s, JsonNode value, Where path) {
    if (s.anyOf.isEmpty()) return;
    for (SchemaNode branch : s.anyOf) {
      if (ofValue(branch, value, path).stream().noneMatch(SchemaFinding::isError)) return;
    }
    error(path, "Invalid value: " + quote(value) + ": " + body(path) + " must validate at least one schema (anyOf)");
  }

  private void checkAllOf(SchemaNode s, JsonNode value, Where path) {
    for (SchemaNode branch : s.allOf) {
      ofValue(branch, value, path).stream().filter(SchemaFinding::isError).forEach(findings::add);
    }
  }

  private static String invalidType(Where path, String expected, JsonNode value) {
    String actual = quote(typeOf(value));
    return "Invalid value: " + actual + ": " + body(path) + " must be of type " + expected + ": " + actual;
  }

  /** The API server's way of naming a field inside the request body. */
  private static String body(Where path) {
    String p = path.toString();
    return p.isEmpty() ? "body" : p + " in body";
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private void error(Where path, String message) {
    findings.add(SchemaFinding.error(path.toString(), message));
  }

  private void warning(Where path, String message) {
    findings.add(SchemaFinding.warning(path.toString(), message));
  }
}

package io.secretgate.validation.schema;

import static io.secretgate.validation.schema.JsonTypes.quote;
import static io.secretgate.validation.schema.JsonTypes.typeOf;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The parts of {@code metadata} the API server checks for every object whatever its schema: name
 * (DNS-1123 subdomain), namespace (DNS-1123 label), and string-valued labels and annotations.
 */
final class ObjectMetaRules {
  private static final String SUBDOMAIN_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final String LABEL_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_REGEX);
  private static final Pattern LABEL = Pattern.compile(LABEL_REGEX);
  private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
      + " characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used"
      + " for validation is '" + SUBDOMAIN_REGEX + "')";
  private static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric"
      + " characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
      + " regex used for validation is '" + LABEL_REGEX + "')";

  private ObjectMetaRules() {}

  static void check(JsonNode metadata, List<SchemaFinding> out) {
    if (metadata == null || metadata.isNull()) return;
    if (!metadata.isObject()) {
      out.add(SchemaFinding.error("metadata", typeMessage("metadata", "object", metadata)));
      return;
    }
    checkName(metadata.get("name"), out);
    checkNamespace(metadata.get("namespace"), out);
    checkStringMap(metadata.get("labels"), "metadata.labels", out);
    checkStringMap(metadata.get("annotations"), "metadata.annotations", out);
  }

  private static void checkName(JsonNode name, List<SchemaFinding> out) {
    if (name == null || name.isNull()) return;
    if (!name.isString()) {
      out.add(SchemaFinding.error("metadata.name", typeMessage("metadata.name", "string", name)));
      return;
    }
    String value = name.asString();
    if (value.isEmpty()) {
      out.add(SchemaFinding.error("metadata.name", "Required value: name or generateName is required"));
      return;
    }
    if (value.length() > 253) {
      out.add(SchemaFinding.error("metadata.name", "Invalid value: " + quote(value) + ": must be no more than 253 characters"));
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      out.add(SchemaFinding.error("metadata.name", "Invalid value: " + quote(value) + ": " + SUBDOMAIN_MESSAGE));
    }
  }

  private static void checkNamespace(JsonNode namespace, List<SchemaFinding> out) {
    if (namespace == null || namespace.isNull()) return;
    if (!namespace.isString()) {
      out.add(SchemaFinding.error("metadata.namespace", typeMessage("metadata.namespace", "string", namespace)));
      return;
    }
    String value = namespace.asString();
    if (value.isEmpty()) return; // empty means "the request's namespace"
    if (value.length() > 63) {
      out.add(SchemaFinding.error("metadata.namespace", "Invalid value: " + quote(value) + ": must be no more than 63 characters"));
    }
    if (!LABEL.matcher(value).matches()) {
      out.add(SchemaFinding.error("metadata.namespace", "Invalid value: " + quote(value) + ": " + LABEL_MESSAGE));
    }
  }

  private static void checkStringMap(JsonNode map, String path, List<SchemaFinding> out) {
    if (map == null || map.isNull()) return;
    if (!map.isObject()) {
      out.add(SchemaFinding.error(path, typeMessage(path, "object", map)));
      return;
    }
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      JsonNode v = e.getValue();
      if (v.isString() || v.isNull()) continue;
      String field = path + "." + e.getKey();
      out.add(SchemaFinding.error(field, typeMessage(field, "string", v)));
    }
  }

  private static String typeMessage(String path, String expected, JsonNode value) {
    String actual = quote(typeOf(value));
    return "Invalid value: " + actual + ": " + path + " in body must be of type " + expected + ": " + actual;
  }
}

package io.secretgate.validation.schema;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A CRD version's {@code openAPIV3Schema}, ready to check objects offline the way the Kubernetes API
 * server does on create/update: types, required fields, enums, patterns, lengths, item and property
 * counts, {@code format: byte}, int-or-string, nullable, and pruning of unknown fields (reported as
 * warnings). Immutable and thread-safe.
 */
public final class StructuralSchema {
  private final SchemaNode root;

  private StructuralSchema(SchemaNode root) {
    this.root = root;
  }

  /**
   * Parses an {@code openAPIV3Schema} object.
   *
   * @throws IllegalArgumentException when the schema itself is broken (e.g. an invalid pattern)
   */
  public static StructuralSchema of(JsonNode openApiV3Schema) {
    return new StructuralSchema(SchemaNode.parse(openApiV3Schema, "openAPIV3Schema"));
  }

  /**
   * Checks a whole object ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}, ...).
   * Field paths in the findings start at the root, e.g. {@code spec.data[1].remoteRef.key}; an
   * empty list means the API server would store the object unchanged.
   */
  public List<SchemaFinding> validate(JsonNode object) {
    return SchemaValidation.ofObject(root, object);
  }
}

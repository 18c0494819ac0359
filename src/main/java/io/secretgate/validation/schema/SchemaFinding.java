package io.secretgate.validation.schema;
// TEMPORARY STUB
public record SchemaFinding(Severity severity, String field, String message) {
  public enum Severity { ERROR, WARNING }
}

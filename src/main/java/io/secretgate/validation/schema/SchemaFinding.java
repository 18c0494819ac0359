package io.secretgate.validation.schema;

/**
 * One result of checking an object against a CRD structural schema, worded like the Kubernetes API
 * server words it.
 *
 * @param severity {@link Severity#ERROR} when the API server would refuse the object,
 *     {@link Severity#WARNING} when it would accept it but change it (prune an unknown field, drop a null)
 * @param field the path of the offending field in the whole object, e.g. {@code spec.data[1].remoteRef.key}
 * @param message e.g. {@code Required value} or {@code Unsupported value: "Foo": supported values: "Owner", ...}
 */
public record SchemaFinding(Severity severity, String field, String message) {

  /** How bad a finding is. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static SchemaFinding error(String field, String message) {
    return new SchemaFinding(Severity.ERROR, field, message);
  }

  public static SchemaFinding warning(String field, String message) {
    return new SchemaFinding(Severity.WARNING, field, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code field: message}, the way {@code kubectl} prints a field error. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}

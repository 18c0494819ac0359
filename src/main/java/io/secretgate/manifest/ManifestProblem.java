package io.secretgate.manifest;

/**
 * A file or document that could not be read as a Kubernetes object. {@code location} is
 * {@code FILE}, {@code FILE:LINE:COLUMN} or {@code FILE#INDEX}; {@code message} says what is wrong.
 */
public record ManifestProblem(String location, String message) {
  @Override
  public String toString() {
    return location + ": " + message;
  }
}

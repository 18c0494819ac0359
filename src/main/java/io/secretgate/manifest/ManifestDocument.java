package io.secretgate.manifest;

import tools.jackson.databind.JsonNode;

/**
 * One Kubernetes object read from a manifest file, as an untyped tree (so that a wrong type is a
 * finding rather than a parse error). {@code source} is {@code FILE#INDEX} (0-based document
 * index; items of a {@code kind: List} add {@code .items[i]}).
 */
public record ManifestDocument(String source, JsonNode tree) {

  public String apiVersion() {
    return text("apiVersion");
  }

  public String kind() {
    return text("kind");
  }

  public String name() {
    JsonNode meta = tree.get("metadata");
    return meta != null && meta.get("name") != null && meta.get("name").isString() ? meta.get("name").asString() : null;
  }

  public String namespace() {
    JsonNode meta = tree.get("metadata");
    return meta != null && meta.get("namespace") != null && meta.get("namespace").isString()
        ? meta.get("namespace").asString()
        : null;
  }

  private String text(String field) {
    JsonNode v = tree.get(field);
    return v != null && v.isString() ? v.asString() : null;
  }
}

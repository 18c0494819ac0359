package io.secretgate.sync;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Specs compared as JSON trees: the model classes have no {@code equals}. */
final class SpecTrees {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SpecTrees() {}

  /** Whether {@code a} and {@code b} serialise to the same JSON (both null counts as the same). */
  static boolean same(Object a, Object b) {
    return Objects.equals(tree(a), tree(b));
  }

  private static JsonNode tree(Object spec) {
    return spec == null ? null : JSON.valueToTree(spec);
  }
}

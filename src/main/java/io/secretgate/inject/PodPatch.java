package io.secretgate.inject;

import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.EnumSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The RFC 6902 JSON Patch from one object to another, computed by the zjsonpatch library's diff
 * (never by hand-built paths): JSON Pointer escaping ({@code /} as {@code ~1}) and array indices are
 * the library's. Only {@code add}, {@code remove} and {@code replace} are emitted (no {@code move} or
 * {@code copy}), so each operation can be read on its own.
 */
public final class PodPatch {
  private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

  private PodPatch() {}

  /** The operations that turn {@code original} into {@code changed}; an empty array when they are equal. */
  public static ArrayNode diff(JsonNode original, JsonNode changed) {
    return (ArrayNode) JsonDiff.asJson(original, changed, FLAGS);
  }
}

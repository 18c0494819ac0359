package io.secretgate.manifest;

import io.secretgate.api.ApiGroup;
import java.util.Optional;

/**
 * ESO's API group, or a kind secretgate reads, written in another case: kubectl finds no match for
 * it and refuses the document, so it must not pass as some other object that is none of our business.
 */
final class EsoSpelling {
  private EsoSpelling() {}

  /** What is misspelt, with the spelling meant, or empty when nothing is. */
  static Optional<String> mistake(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (!group.equalsIgnoreCase(ApiGroup.NAME)) return Optional.empty();
    if (!group.equals(ApiGroup.NAME)) {
      return Optional.of("apiVersion " + apiVersion + " names no API group (groups are lower case; kubectl finds no match): did you mean "
          + ApiGroup.NAME + apiVersion.substring(slash) + "?");
    }
    return ApiGroup.KINDS.stream().filter(k -> k.equalsIgnoreCase(kind) && !k.equals(kind)).findFirst()
        .map(k -> "kind " + kind + " is not a kind of " + apiVersion + " (kinds are case-sensitive; kubectl finds no match): did you mean " + k + "?");
  }
}

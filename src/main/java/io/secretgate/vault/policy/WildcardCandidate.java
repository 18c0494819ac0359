package io.secretgate.vault.policy;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A glob or {@code +} rule that matches a path, with what decides between several of them
 * (policies.mdx "Priority matching", vault/acl.go): the later the first wildcard the better; then
 * a rule not ending in {@code *} beats one that does; then fewer {@code +} segments; then the
 * longer pattern; then the byte-wise greater pattern. Positions and lengths are in UTF-8 bytes,
 * as Vault measures them.
 */
record WildcardCandidate(Shape shape, Grant grant) {

  /**
   * {@code firstWildcard}: byte index of the first {@code +} of a {@code +} rule, or the length of a
   * prefix rule's prefix; {@code body}: the pattern without a trailing {@code *}.
   */
  record Shape(int firstWildcard, boolean glob, int plusSegments, String body) {
    byte[] bodyBytes() {
      return GoStrings.utf8(body);
    }
  }

  static final Comparator<WildcardCandidate> PRIORITY = Comparator
      .<WildcardCandidate>comparingInt(c -> c.shape().firstWildcard())
      .thenComparing(c -> !c.shape().glob())
      .thenComparingInt(c -> -c.shape().plusSegments())
      .thenComparingInt(c -> c.shape().bodyBytes().length)
      .thenComparing((a, b) -> Arrays.compareUnsigned(a.shape().bodyBytes(), b.shape().bodyBytes()));

  static WildcardCandidate forPrefix(String prefix, Grant grant) {
    int length = GoStrings.utf8(prefix).length;
    return new WildcardCandidate(new Shape(length, true, 0, prefix), grant);
  }
}

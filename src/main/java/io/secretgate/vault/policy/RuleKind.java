package io.secretgate.vault.policy;

/** Which of the ACL's three tables a path block goes into (vault/policy.go {@code parsePaths}). */
public enum RuleKind {
  /** Matches exactly one path. A {@code *} that is not last, or a {@code +} inside a segment, is literal. */
  EXACT,
  /** Ends in {@code *}, has no {@code +} segment: matches every path that starts with the rest. */
  PREFIX,
  /**
   * Is {@code +}, starts with {@code +/} or contains {@code /+}: each segment equal to {@code +}
   * matches any one segment (an empty one too); a trailing {@code *} globs the last segment.
   */
  SEGMENT_WILDCARD;

  /** Classifies a pattern whose one leading {@code /} is already stripped. */
  static RuleKind of(String pattern) {
    if (pattern.equals("+") || pattern.contains("/+") || pattern.startsWith("+/")) {
      return SEGMENT_WILDCARD;
    }
    return pattern.endsWith("*") ? PREFIX : EXACT;
  }
}

package io.secretgate.vault.policy;

/**
 * A compiled segment-wildcard rule ({@code +}), keyed by its full pattern including a trailing
 * {@code *}. Matching follows vault/acl.go {@code CheckAllowedFromNonExactPaths}: split rule and
 * path on {@code /} keeping empty parts; the path needs at least as many parts (exactly as many
 * unless the rule ends in {@code *}); {@code +} matches any one part, an empty one too; other
 * parts must be equal, except that the last part of a {@code *} rule need only be a prefix.
 */
final class SegmentRule {
  final Grant grant;
  final WildcardCandidate.Shape shape;
  private final String[] parts;

  SegmentRule(String pattern, Grant grant) {
    this.grant = grant;
    boolean glob = pattern.endsWith("*");
    String body = glob ? pattern.substring(0, pattern.length() - 1) : pattern;
    this.parts = body.split("/", -1);
    int plusSegments = 0;
    for (String part : parts) {
      if (part.equals("+")) {
        plusSegments++;
      }
    }
    this.shape = new WildcardCandidate.Shape(GoStrings.byteIndexOf(pattern, '+'), glob, plusSegments, body);
  }

  boolean matches(String[] pathParts) {
    if (pathParts.length < parts.length || (!shape.glob() && pathParts.length != parts.length)) {
      return false;
    }
    int last = parts.length - 1;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean ok = part.equals("+")
          || part.equals(pathParts[i])
          || (shape.glob() && i == last && pathParts[i].startsWith(part));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

package io.secretgate.config;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions as ESO compiles them (Go's RE2): java.util.regex with the constructs RE2
 * refuses (look-around, back-references, possessive and atomic groups) refused too, so that a
 * pattern ESO cannot compile is never accepted here.
 */
public final class GoRegexp {
  private static final Pattern NOT_RE2 = Pattern.compile(
      "\\(\\?<?[=!]" // look-ahead / look-behind
          + "|\\(\\?>" // atomic group
          + "|(?<!\\\\)(?:\\\\\\\\)*\\\\[1-9]" // back-reference \1..\9
          + "|\\\\k<" // named back-reference
          + "|[*+?}]\\+"); // possessive quantifier

  private GoRegexp() {}

  /** Why {@code regex} would not compile in Go, or empty when it would. */
  public static Optional<String> problem(String regex) {
    if (regex == null) return Optional.of("missing regular expression");
    java.util.regex.Matcher m = NOT_RE2.matcher(regex);
    if (m.find()) return Optional.of("invalid or unsupported Perl syntax: `" + m.group() + "`");
    try {
      compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(e.getDescription());
    }
  }

  /** Compiles a pattern (Go's {@code (?P<name>...)} groups become Java's {@code (?<name>...)}). */
  public static Pattern compile(String regex) {
    return Pattern.compile(regex.replace("(?P<", "(?<"));
  }
}

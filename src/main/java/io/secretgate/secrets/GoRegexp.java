package io.secretgate.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code regexp} (RE2 syntax) on {@link java.util.regex}. {@link GoRegexpTranslator} reads the
 * pattern as Go's parser does and writes a Java pattern with the same meaning: Go's {@code ^ $ .},
 * ASCII {@code \b \d \s \w}, POSIX classes, Unicode names, flags {@code i m s U}; what Go
 * refuses (backreferences, lookaround, atomic groups, possessive or nested repetition, unknown
 * escapes) is refused with Go's error text. {@link #replaceAll} is Go's {@code ReplaceAllString},
 * including its {@code $1} / {@code ${1}} / {@code ${name}} expansion and its empty-match rule.
 */
public final class GoRegexp {
  private final Pattern pattern;
  private final List<String> groupNames;

  private GoRegexp(Pattern pattern, List<String> groupNames) {
    this.pattern = pattern;
    this.groupNames = groupNames;
  }

  /** Go's {@code regexp.Compile}; the error text is Go's ({@code error parsing regexp: ...}). */
  public static GoRegexp compile(String re) throws InvalidRegexpException {
    GoRegexpTranslator.Translation t = GoRegexpTranslator.translate(re);
    try {
      return new GoRegexp(Pattern.compile(t.java()), t.groupNames());
    } catch (PatternSyntaxException e) {
      throw new InvalidRegexpException("secretgate could not run the regexp " + GoText.quote(re) + ": " + e.getDescription(), true);
    }
  }

  /** Go's {@code *syntax.Error} text for a pattern Go refuses. */
  static InvalidRegexpException syntax(String code, String expr) {
    return new InvalidRegexpException("error parsing regexp: " + code + ": `" + expr + "`", false);
  }

  /** Go's {@code MatchString}: unanchored. */
  public boolean matches(String s) {
    return pattern.matcher(s).find();
  }

  /** Go's {@code ReplaceAllString(src, template)}. */
  public String replaceAll(String src, String template) {
    StringBuilder out = new StringBuilder();
    Matcher m = pattern.matcher(src);
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= src.length() && m.find(searchPos)) {
      out.append(src, lastMatchEnd, m.start());
      if (m.end() > lastMatchEnd || m.start() == 0) expand(out, template, m);
      lastMatchEnd = m.end();
      int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
      if (searchPos + width > m.end()) {
        searchPos += width;
      } else if (searchPos + 1 > m.end()) {
        searchPos++;
      } else {
        searchPos = m.end();
      }
    }
    out.append(src, lastMatchEnd, src.length());
    return out.toString();
  }

  /** Go's {@code Regexp.expand}: {@code $$}, {@code $name}, {@code ${name}}; malformed {@code $} stays. */
  private void expand(StringBuilder out, String template, Matcher m) {
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) break;
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean brace = i < template.length() && template.charAt(i) == '{';
      int start = brace ? i + 1 : i;
      int end = start;
      while (end < template.length() && isNameChar(template.codePointAt(end))) end += Character.charCount(template.codePointAt(end));
      if (end == start || (brace && (end >= template.length() || template.charAt(end) != '}'))) {
        out.append('$');
        continue;
      }
      String name = template.substring(start, end);
      i = brace ? end + 1 : end;
      String value = group(m, name);
      if (value != null) out.append(value);
    }
    out.append(template, i, template.length());
  }

  /**
   * Go's lookup: a name of ASCII digits without a leading zero (at most nine digits) is a group number;
   * anything else ({@code 01}, {@code 1é}) is a name, the first group of that name that took part.
   */
  private String group(Matcher m, String name) {
    if (name.matches("0|[1-9][0-9]{0,8}")) {
      int n = Integer.parseInt(name);
      return n <= m.groupCount() ? m.group(n) : null;
    }
    for (int g = 1; g < groupNames.size(); g++) {
      if (groupNames.get(g).equals(name) && m.group(g) != null) return m.group(g);
    }
    return null;
  }

  /** Go's {@code unicode.IsLetter}, {@code unicode.IsDigit} or {@code _}. */
  private static boolean isNameChar(int c) {
    return c == '_' || Character.isLetter(c) || Character.isDigit(c);
  }

  /** A pattern Go would not compile, or one secretgate cannot run faithfully. */
  public static final class InvalidRegexpException extends Exception {
    private final boolean unsupported;

    InvalidRegexpException(String message, boolean unsupported) {
      super(message, null, false, false);
      this.unsupported = unsupported;
    }

    /** Go would compile it; secretgate cannot run it faithfully. */
    public boolean unsupported() {
      return unsupported;
    }
  }
}

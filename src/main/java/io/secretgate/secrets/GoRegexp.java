package io.secretgate.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go RE2 regular expressions on {@link java.util.regex}: for the syntax both share (literals,
 * classes, {@code \d \w \s}, anchors, groups, {@code (?P<name>...)}, repetition, flags
 * {@code (?i)}) the two agree. Constructs RE2 rejects (backreferences, lookaround, atomic groups,
 * possessive quantifiers) are rejected here too, so a pattern never matches where Go's would
 * not compile. Known residual difference: without {@code (?m)}, Java's {@code $} also matches
 * before a final {@code \n}. {@link #replaceAll} is Go's {@code ReplaceAllString}, including its {@code $1} /
 * {@code ${1}} / {@code ${name}} expansion and its empty-match rule.
 */
public final class GoRegexp {
  private static final Pattern PERL_ONLY = Pattern.compile(
      "\\(\\?[=!>]|\\(\\?<[=!]|\\\\[1-9]|\\\\k<|[*+?}]\\+|\\\\[ZGh]");

  private final Pattern pattern;
  private final List<String> groupNames;

  private GoRegexp(Pattern pattern, List<String> groupNames) {
    this.pattern = pattern;
    this.groupNames = groupNames;
  }

  /** Go's {@code regexp.Compile}; the error text starts like Go's ({@code error parsing regexp: }). */
  public static GoRegexp compile(String re) throws InvalidRegexpException {
    if (PERL_ONLY.matcher(re).find()) {
      throw new InvalidRegexpException("error parsing regexp: invalid or unsupported Perl syntax", false);
    }
    String java = re.replace("(?P<", "(?<");
    List<String> names = new ArrayList<>();
    Matcher named = Pattern.compile("\\(\\?<([^>]*)>").matcher(java);
    while (named.find()) {
      String name = named.group(1);
      if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
        throw new InvalidRegexpException("secretgate does not support the capture group name " + GoText.quote(name), true);
      }
      names.add(name);
    }
    try {
      return new GoRegexp(Pattern.compile(java, Pattern.UNIX_LINES | Pattern.UNICODE_CASE), names);
    } catch (PatternSyntaxException e) {
      throw new InvalidRegexpException("error parsing regexp: " + e.getDescription(), false);
    }
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
      while (end < template.length() && isNameChar(template.charAt(end))) end++;
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

  private String group(Matcher m, String name) {
    if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        int n = Integer.parseInt(name);
        return n <= m.groupCount() ? m.group(n) : null;
      } catch (NumberFormatException tooLarge) {
        return null;
      }
    }
    return groupNames.contains(name) ? m.group(name) : null;
  }

  private static boolean isNameChar(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

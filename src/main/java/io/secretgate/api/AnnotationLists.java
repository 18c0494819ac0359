package io.secretgate.api;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * How a comma-separated secretgate annotation ({@code secretgate.io/inject-env-from},
 * {@code secretgate.io/inject-containers}) is read, the same by the injector and by the restart
 * planning: entries trimmed of any white space (the no-break spaces U+00A0, U+2007 and U+202F too,
 * which {@link String#strip} keeps and text copied from a web page or a chat often holds), empty ones
 * ignored, duplicates collapsed, order kept.
 */
public final class AnnotationLists {
  private AnnotationLists() {}

  /** The entries of {@code value}; empty when it is null or lists none. */
  public static List<String> names(String value) {
    if (value == null) return List.of();
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String name = trimmed(part);
      if (!name.isEmpty()) out.add(name);
    }
    return List.copyOf(out);
  }

  private static String trimmed(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) start++;
    while (end > start && isSpace(s.charAt(end - 1))) end--;
    return s.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}

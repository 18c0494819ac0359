package io.secretgate.vault.policy;

import java.nio.charset.StandardCharsets;

/** The few Go string semantics the ACL depends on: Unicode spaces and byte-wise comparison. */
final class GoStrings {
  private GoStrings() {}

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int c) {
    switch (c) {
      case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xA0:
        return true;
      default:
        if (c <= 0xFF) {
          return false;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR;
    }
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** The first non-space code point, or -1. */
  static int firstNonSpace(String s) {
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (!isSpace(c)) {
        return c;
      }
      i += Character.charCount(c);
    }
    return -1;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Byte offset of the first {@code c} in {@code s} (Go {@code strings.Index}), or -1. */
  static int byteIndexOf(String s, char c) {
    int at = s.indexOf(c);
    return at < 0 ? -1 : utf8(s.substring(0, at)).length;
  }
}

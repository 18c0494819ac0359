package io.secretgate.secrets;

import io.secretgate.secrets.GoRegexp.InvalidRegexpException;

/** Go's single-character escapes ({@code \n}, {@code \x41}, {@code \101}) and Java literals. */
final class GoEscapes {
  private GoEscapes() {}

  /** Go's parseEscape: the code point of the escape at {@code at}; {@code end[0]} is set past it. */
  static int escape(String re, int at, int[] end) throws InvalidRegexpException {
    if (at + 1 >= re.length()) throw GoRegexp.syntax("trailing backslash at end of expression", "");
    int c = re.codePointAt(at + 1);
    int t = at + 1 + Character.charCount(c);
    end[0] = t;
    if (c < 0x80 && !isAsciiAlnum(c)) return c;
    switch (c) {
      case 'a': return 7;
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'v': return 0x0B;
      case 'x': return hex(re, at, t, end);
      default: break;
    }
    boolean octalFollows = t < re.length() && re.charAt(t) >= '0' && re.charAt(t) <= '7';
    if (c == '0' || c >= '1' && c <= '7' && octalFollows) {
      int r = c - '0';
      for (int i = 1; i < 3 && t < re.length() && re.charAt(t) >= '0' && re.charAt(t) <= '7'; i++) {
        r = r * 8 + re.charAt(t++) - '0';
      }
      end[0] = t;
      return r;
    }
    throw GoRegexp.syntax("invalid escape sequence", re.substring(at, t));
  }

  private static int hex(String re, int at, int t, int[] end) throws InvalidRegexpException {
    if (t < re.length() && re.charAt(t) == '{') {
      int r = 0;
      int i = t + 1;
      for (; i < re.length() && re.charAt(i) != '}'; i++) {
        int v = Character.digit(re.charAt(i), 16);
        if (v < 0 || re.charAt(i) > 'f' || (r = r * 16 + v) > Character.MAX_CODE_POINT) {
          throw GoRegexp.syntax("invalid escape sequence", re.substring(at, i + 1));
        }
      }
      if (i >= re.length() || i == t + 1) throw GoRegexp.syntax("invalid escape sequence", re.substring(at, Math.min(i + 1, re.length())));
      end[0] = i + 1;
      return r;
    }
    int x = t < re.length() ? Character.digit(re.charAt(t), 16) : -1;
    int y = t + 1 < re.length() ? Character.digit(re.charAt(t + 1), 16) : -1;
    if (x < 0 || y < 0 || re.charAt(t) > 'f' || re.charAt(t + 1) > 'f') {
      throw GoRegexp.syntax("invalid escape sequence", re.substring(at, Math.min(t + 2, re.length())));
    }
    end[0] = t + 2;
    return x * 16 + y;
  }

  private static boolean isAsciiAlnum(int c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }

  /** A code point as a Java pattern literal, also valid inside a class. */
  static String literal(int cp) {
    return isAsciiAlnum(cp) ? String.valueOf((char) cp) : "\\x{" + Integer.toHexString(cp) + "}";
  }
}

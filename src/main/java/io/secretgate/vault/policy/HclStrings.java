package io.secretgate.vault.policy;

/**
 * Decodes a scanned HCL v1 string token: Go escapes are resolved, except inside {@code ${...}},
 * which HCL keeps verbatim.
 */
final class HclStrings {
  private HclStrings() {}

  /** {@code quoted} includes both quotes; the scanner has already checked its escapes. */
  static String unquote(String quoted, Hcl.Pos pos) throws PolicyParseException {
    String s = quoted.substring(1, quoted.length() - 1);
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
        i = copyInterpolation(s, i, out, pos);
      } else if (c == '\\') {
        i = unescape(s, i, out, pos);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int copyInterpolation(String s, int start, StringBuilder out, Hcl.Pos pos)
      throws PolicyParseException {
    int braces = 0;
    int i = start + 1;
    out.append('$');
    do {
      char c = s.charAt(i++);
      out.append(c);
      if (c == '{') {
        braces++;
      } else if (c == '}') {
        braces--;
      }
    } while (braces > 0 && i < s.length());
    if (braces != 0) {
      throw new PolicyParseException(pos, "unbalanced '${' in string");
    }
    return i;
  }

  private static int unescape(String s, int at, StringBuilder out, Hcl.Pos pos)
      throws PolicyParseException {
    char kind = s.charAt(at + 1);
    switch (kind) {
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case '\\' -> out.append('\\');
      case '"' -> out.append('"');
      case 'x' -> {
        out.append((char) Integer.parseInt(s.substring(at + 2, at + 4), 16));
        return at + 4;
      }
      case 'u', 'U' -> {
        int width = kind == 'u' ? 4 : 8;
        long codePoint = Long.parseLong(s.substring(at + 2, at + 2 + width), 16);
        if (codePoint > Character.MAX_CODE_POINT || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
          throw new PolicyParseException(pos, "invalid Unicode escape in string");
        }
        out.appendCodePoint((int) codePoint);
        return at + 2 + width;
      }
      default -> {
        int value = Integer.parseInt(s.substring(at + 1, at + 4), 8);
        if (value > 255) {
          throw new PolicyParseException(pos, "octal escape out of range in string");
        }
        out.append((char) value);
        return at + 4;
      }
    }
    return at + 2;
  }
}

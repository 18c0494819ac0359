package io.secretgate.vault.policy;

import io.secretgate.vault.policy.HclToken.Type;

/**
 * Splits HCL v1 source into tokens the way HashiCorp's HCL v1 scanner does: {@code #}, {@code //}
 * and {@code /* *}{@code /} comments, identifiers with {@code -} and {@code .}, numbers, quoted
 * strings with Go escapes and verbatim {@code ${...}} parts, and heredocs. As a leniency, {@code :}
 * is read like {@code =}. Columns count Unicode code points, as HCL does.
 */
final class HclLexer {
  private final String src;
  private int offset;
  private int line = 1;
  private int column = 1;

  HclLexer(String src) {
    this.src = src;
  }

  HclToken next() throws PolicyParseException {
    skipBlanksAndComments();
    Hcl.Pos start = pos();
    int begin = offset;
    if (atEnd()) {
      return new HclToken(Type.EOF, "", "", start);
    }
    int c = peek(0);
    if (isLetter(c)) {
      return identifier(begin, start);
    }
    if (isDecimal(c) || (c == '-' && isDecimal(peek(1))) || (c == '.' && isDecimal(peek(1)))) {
      return number(begin, start);
    }
    switch (c) {
      case '"':
        return string(begin, start);
      case '<':
        return HeredocScanner.scan(this, begin, start);
      case '{':
        return single(Type.LBRACE, begin, start);
      case '}':
        return single(Type.RBRACE, begin, start);
      case '[':
        return single(Type.LBRACK, begin, start);
      case ']':
        return single(Type.RBRACK, begin, start);
      case ',':
        return single(Type.COMMA, begin, start);
      case '=':
      case ':':
        return single(Type.ASSIGN, begin, start);
      case '+':
      case '-':
      case '.':
        return single(Type.SYMBOL, begin, start);
      default:
        throw new PolicyParseException(start, "illegal character " + describeChar(c));
    }
  }

  // ---- character access (package-private for HeredocScanner)

  boolean atEnd() {
    return offset >= src.length();
  }

  int peek(int ahead) {
    int at = offset;
    for (int k = 0; k < ahead && at < src.length(); k++) {
      at += Character.charCount(src.codePointAt(at));
    }
    return at < src.length() ? src.codePointAt(at) : -1;
  }

  int advance() {
    int c = src.codePointAt(offset);
    offset += Character.charCount(c);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  Hcl.Pos pos() {
    return new Hcl.Pos(line, column);
  }

  String source(int begin) {
    return src.substring(begin, offset);
  }

  static boolean isLetter(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80 && Character.isLetter(c);
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9' || c >= 0x80 && Character.isDigit(c);
  }

  static boolean isDecimal(int c) {
    return c >= '0' && c <= '9';
  }

  static String describeChar(int c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + Character.toString(c) + "'";
    }
    return String.format("U+%04X", c);
  }

  // ---- scanners

  private void skipBlanksAndComments() throws PolicyParseException {
    while (!atEnd()) {
      int c = peek(0);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!atEnd() && peek(0) != '\n') {
          advance();
        }
      } else if (c == '/' && peek(1) == '*') {
        blockComment();
      } else if (c == '/') {
        throw new PolicyParseException(pos(), "expected '/' for comment");
      } else {
        return;
      }
    }
  }

  private void blockComment() throws PolicyParseException {
    Hcl.Pos start = pos();
    advance();
    advance();
    while (!atEnd()) {
      if (advance() == '*' && peek(0) == '/') {
        advance();
        return;
      }
    }
    throw new PolicyParseException(start, "comment not terminated");
  }

  private HclToken single(Type type, int begin, Hcl.Pos start) {
    advance();
    return new HclToken(type, source(begin), source(begin), start);
  }

  private HclToken identifier(int begin, Hcl.Pos start) {
    advance();
    while (!atEnd() && (isLetter(peek(0)) || isDigit(peek(0)) || peek(0) == '-' || peek(0) == '.')) {
      advance();
    }
    String text = source(begin);
    Type type = text.equals("true") || text.equals("false") ? Type.BOOL : Type.IDENT;
    return new HclToken(type, text, text, start);
  }

  private HclToken number(int begin, Hcl.Pos start) throws PolicyParseException {
    if (peek(0) == '-') {
      advance();
    }
    if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      advance();
      advance();
      if (Character.digit(peek(0), 16) < 0) {
        throw new PolicyParseException(start, "illegal hexadecimal number");
      }
      while (Character.digit(peek(0), 16) >= 0 && peek(0) < 0x80) {
        advance();
      }
      return new HclToken(Type.NUMBER, source(begin), source(begin), start);
    }
    boolean isFloat = false;
    digits();
    if (peek(0) == '.') {
      isFloat = true;
      advance();
      digits();
    }
    if (peek(0) == 'e' || peek(0) == 'E') {
      isFloat = true;
      advance();
      if (peek(0) == '+' || peek(0) == '-') {
        advance();
      }
      digits();
    }
    String text = source(begin);
    return new HclToken(isFloat ? Type.FLOAT : Type.NUMBER, text, text, start);
  }

  private void digits() {
    while (isDecimal(peek(0))) {
      advance();
    }
  }

  private HclToken string(int begin, Hcl.Pos start) throws PolicyParseException {
    advance();
    int braces = 0;
    while (true) {
      if (atEnd() || (peek(0) == '\n' && braces == 0)) {
        throw new PolicyParseException(start, "string is not terminated");
      }
      Hcl.Pos at = pos();
      int c = advance();
      if (c == '"' && braces == 0) {
        break;
      }
      if (braces == 0 && c == '$' && peek(0) == '{') {
        braces++;
        advance();
      } else if (braces > 0 && c == '{') {
        braces++;
      } else if (braces > 0 && c == '}') {
        braces--;
      }
      if (c == '\\') {
        escape(at);
      }
    }
    String text = source(begin);
    return new HclToken(Type.STRING, text, HclStrings.unquote(text, start), start);
  }

  private void escape(Hcl.Pos at) throws PolicyParseException {
    int c = atEnd() ? -1 : advance();
    switch (c) {
      case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\', '"' -> {}
      case '0', '1', '2', '3', '4', '5', '6', '7' -> escapeDigits(at, 8, 2);
      case 'x' -> escapeDigits(at, 16, 2);
      case 'u' -> escapeDigits(at, 16, 4);
      case 'U' -> escapeDigits(at, 16, 8);
      default -> throw new PolicyParseException(at, "illegal escape sequence in string");
    }
  }

  private void escapeDigits(Hcl.Pos at, int radix, int count) throws PolicyParseException {
    for (int k = 0; k < count; k++) {
      if (atEnd() || peek(0) >= 0x80 || Character.digit(peek(0), radix) < 0) {
        throw new PolicyParseException(at, "illegal escape sequence in string");
      }
      advance();
    }
  }
}

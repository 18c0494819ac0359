package io.secretgate.vault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) that hands back the exact source text of the members of a
 * top-level object, so that a KV read's {@code data} reaches the value renderer with its number
 * literals, escapes and key order untouched. A repeated name keeps its last value, as Go does.
 */
final class RawJson {
  private static final int MAX_DEPTH = 512;

  /** Not JSON; the message gives the offset only, never the text. */
  static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String what, int offset) {
      super(what + " at offset " + offset, null, false, false);
    }
  }

  private final String text;
  private int pos;

  private RawJson(String text) {
    this.text = text;
  }

  /** The source text of each member of the top-level object, in order of first appearance. */
  static Map<String, String> members(String json) throws MalformedJsonException {
    RawJson in = new RawJson(json);
    in.skipWhitespace();
    if (in.peek() != '{') throw in.error("expected a JSON object");
    Map<String, String> out = in.object();
    in.skipWhitespace();
    if (in.pos != json.length()) throw in.error("unexpected text after the JSON value");
    return out;
  }

  /** Whether {@code json} is one well-formed JSON value. */
  static boolean isValid(String json) {
    RawJson in = new RawJson(json);
    try {
      in.skipWhitespace();
      in.value(0);
      in.skipWhitespace();
      return in.pos == json.length();
    } catch (MalformedJsonException e) {
      return false;
    }
  }

  private Map<String, String> object() throws MalformedJsonException {
    Map<String, String> out = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') throw error("expected a member name");
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      int start = pos;
      value(1);
      out.put(name, text.substring(start, pos));
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == '}') {
        pos++;
        return out;
      } else {
        throw error("expected ',' or '}'");
      }
    }
  }

  private void value(int depth) throws MalformedJsonException {
    if (depth > MAX_DEPTH) throw error("nested too deeply");
    int c = peek();
    switch (c) {
      case '{' -> container('}', depth, true);
      case '[' -> container(']', depth, false);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || c >= '0' && c <= '9') number();
        else throw error("expected a JSON value");
      }
    }
  }

  private void container(char close, int depth, boolean named) throws MalformedJsonException {
    pos++;
    skipWhitespace();
    if (peek() == close) {
      pos++;
      return;
    }
    while (true) {
      skipWhitespace();
      if (named) {
        if (peek() != '"') throw error("expected a member name");
        string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
      }
      value(depth + 1);
      skipWhitespace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == close) {
        pos++;
        return;
      } else {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  /** Reads a string and returns its decoded content. */
  private String string() throws MalformedJsonException {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) throw error("unterminated string");
      char c = text.charAt(pos++);
      if (c == '"') return out.toString();
      if (c < 0x20) throw error("control character in a string");
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) throw error("unterminated string");
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex4());
        default -> throw error("bad escape in a string");
      }
    }
  }

  private char hex4() throws MalformedJsonException {
    if (pos + 4 > text.length()) throw error("bad \\u escape");
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos++), 16);
      if (d < 0) throw error("bad \\u escape");
      v = v * 16 + d;
    }
    return (char) v;
  }

  private void number() throws MalformedJsonException {
    if (peek() == '-') pos++;
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("bad number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) throw error("bad number");
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!isDigit(peek())) throw error("bad number");
      digits();
    }
  }

  private void digits() {
    while (isDigit(peek())) pos++;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) throws MalformedJsonException {
    if (!text.startsWith(word, pos)) throw error("expected a JSON value");
    pos += word.length();
  }

  private void expect(char c) throws MalformedJsonException {
    if (peek() != c) throw error("expected '" + c + "'");
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private MalformedJsonException error(String what) {
    return new MalformedJsonException(what, pos);
  }
}

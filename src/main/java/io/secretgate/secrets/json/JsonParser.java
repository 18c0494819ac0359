package io.secretgate.secrets.json;

import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonBool;
import io.secretgate.secrets.json.JsonValue.JsonNull;
import io.secretgate.secrets.json.JsonValue.JsonNumber;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser (what Go's {@code encoding/json} accepts) that keeps number literals.
 * Lone UTF-16 surrogates written as escapes become U+FFFD, as in Go.
 */
public final class JsonParser {
  private static final int MAX_DEPTH = 1000;

  private final String text;
  private int pos;
  private int depth;

  private JsonParser(String text) {
    this.text = text;
  }

  /** Parses exactly one JSON value (surrounding whitespace allowed). */
  public static JsonValue parse(String text) throws JsonSyntaxException {
    JsonParser p = new JsonParser(text);
    p.skipWhitespace();
    if (p.pos >= text.length()) throw new JsonSyntaxException("unexpected end of JSON input", p.pos);
    JsonValue v = p.value();
    p.skipWhitespace();
    if (p.pos < text.length()) throw new JsonSyntaxException("invalid character after top-level value", p.pos);
    return v;
  }

  private JsonValue value() throws JsonSyntaxException {
    if (pos >= text.length()) throw new JsonSyntaxException("unexpected end of JSON input", pos);
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return new JsonString(string());
      case 't':
        literal("true");
        return new JsonBool(true);
      case 'f':
        literal("false");
        return new JsonBool(false);
      case 'n':
        literal("null");
        return JsonNull.INSTANCE;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw new JsonSyntaxException("invalid character looking for beginning of value", pos);
    }
  }

  private JsonObject object() throws JsonSyntaxException {
    enter();
    pos++;
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return new JsonObject(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') throw new JsonSyntaxException("invalid character looking for beginning of object key string", pos);
      String name = string();
      skipWhitespace();
      expect(':', "after object key");
      skipWhitespace();
      JsonValue v = value();
      members.remove(name);
      members.put(name, v);
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == '}') {
        pos++;
        depth--;
        return new JsonObject(members);
      }
      throw new JsonSyntaxException("invalid character after object key:value pair", pos);
    }
  }

  private JsonArray array() throws JsonSyntaxException {
    enter();
    pos++;
    List<JsonValue> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return new JsonArray(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(value());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
        continue;
      }
      if (c == ']') {
        pos++;
        depth--;
        return new JsonArray(elements);
      }
      throw new JsonSyntaxException("invalid character after array element", pos);
    }
  }

  private void enter() throws JsonSyntaxException {
    if (++depth > MAX_DEPTH) throw new JsonSyntaxException("exceeded max depth", pos);
  }

  private String string() throws JsonSyntaxException {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) throw new JsonSyntaxException("unexpected end of JSON input in string", start);
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) throw new JsonSyntaxException("invalid control character in string literal", pos);
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      pos++;
      if (pos >= text.length()) throw new JsonSyntaxException("unexpected end of JSON input in string", start);
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> sb.append(unicodeEscape());
        default -> throw new JsonSyntaxException("invalid character in string escape code", pos - 1);
      }
    }
  }

  /** After a unicode escape: one code point; a lone surrogate becomes U+FFFD like Go's decoder. */
  private String unicodeEscape() throws JsonSyntaxException {
    char first = hex4();
    if (!Character.isSurrogate(first)) return String.valueOf(first);
    if (Character.isHighSurrogate(first)
        && pos + 6 <= text.length()
        && text.charAt(pos) == '\\'
        && text.charAt(pos + 1) == 'u') {
      int save = pos;
      pos += 2;
      char second = hex4();
      if (Character.isLowSurrogate(second)) return new String(new char[] {first, second});
      pos = save;
    }
    return "\uFFFD";
  }

  private char hex4() throws JsonSyntaxException {
    if (pos + 4 > text.length()) throw new JsonSyntaxException("invalid character in \\u hexadecimal character escape", pos);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = hexDigit(text.charAt(pos + i));
      if (d < 0) {
        throw new JsonSyntaxException("invalid character in \\u hexadecimal character escape", pos + i);
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private JsonNumber number() throws JsonSyntaxException {
    int start = pos;
    if (peek() == '-') pos++;
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) pos++;
    } else {
      throw new JsonSyntaxException("invalid character in numeric literal", pos);
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) throw new JsonSyntaxException("invalid character after decimal point in numeric literal", pos);
      while (isDigit(peek())) pos++;
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!isDigit(peek())) throw new JsonSyntaxException("invalid character in exponent of numeric literal", pos);
      while (isDigit(peek())) pos++;
    }
    return new JsonNumber(text.substring(start, pos));
  }

  private void literal(String word) throws JsonSyntaxException {
    if (!text.startsWith(word, pos)) throw new JsonSyntaxException("invalid character in literal " + word, pos);
    pos += word.length();
  }

  private void expect(char c, String where) throws JsonSyntaxException {
    if (peek() != c) throw new JsonSyntaxException("invalid character " + where, pos);
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }
}

package io.secretgate.secrets.json;

import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonBool;
import io.secretgate.secrets.json.JsonValue.JsonNull;
import io.secretgate.secrets.json.JsonValue.JsonNumber;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code json.Marshal} of a decoded value: compact, object keys sorted by their UTF-8 bytes,
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as a backslash-u escape (e.g. 003c for {@code <}).
 *
 * <p>{@link Numbers#LITERAL} writes numbers as Vault sent them (Vault's client decodes with
 * {@code UseNumber}); {@link Numbers#FLOAT64} writes them as a float64 would be written, which is
 * what happens after ESO's {@code json.Unmarshal} into {@code map[string]any}.
 */
public final class GoJson {
  /** How numbers are written. */
  public enum Numbers {
    LITERAL,
    FLOAT64
  }

  /** Orders strings the way Go compares them: by their UTF-8 bytes. */
  public static final Comparator<String> UTF8_ORDER = GoJson::compareUtf8;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /** {@code json.Marshal} with number literals kept. */
  public static String marshal(JsonValue v) {
    return marshal(v, Numbers.LITERAL);
  }

  public static String marshal(JsonValue v, Numbers numbers) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, numbers);
    return sb.toString();
  }

  private static void write(StringBuilder sb, JsonValue v, Numbers numbers) {
    if (v instanceof JsonString s) {
      writeString(sb, s.value());
    } else if (v instanceof JsonNumber n) {
      sb.append(numbers == Numbers.LITERAL ? n.literal() : GoFloat.formatJson(GoFloat.parse(n.literal())));
    } else if (v instanceof JsonBool b) {
      sb.append(b.value());
    } else if (v instanceof JsonNull) {
      sb.append("null");
    } else if (v instanceof JsonArray a) {
      sb.append('[');
      for (int i = 0; i < a.elements().size(); i++) {
        if (i > 0) sb.append(',');
        write(sb, a.elements().get(i), numbers);
      }
      sb.append(']');
    } else if (v instanceof JsonObject o) {
      sb.append('{');
      boolean first = true;
      for (String key : sortedKeys(o.members())) {
        if (!first) sb.append(',');
        first = false;
        writeString(sb, key);
        sb.append(':');
        write(sb, o.members().get(key), numbers);
      }
      sb.append('}');
    }
  }

  /** The keys of {@code map} in Go's order. */
  public static List<String> sortedKeys(Map<String, ?> map) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(UTF8_ORDER);
    return keys;
  }

  /** A JSON string literal as Go's encoder writes it (HTML-safe escaping). */
  public static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append('\uFFFD'); // invalid UTF-8 is written as U+FFFD by Go
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
  }

  private static int compareUtf8(String a, String b) {
    if (a.equals(b)) return 0;
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }
}

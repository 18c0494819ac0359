package io.secretgate.app.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One log event as one line of JSON: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, then the event's key-value pairs (and MDC entries) as fields, then
 * {@code exception} and {@code stack} when a throwable came with it. JDK only, so that logging works
 * before anything else is set up.
 */
final class JsonLine {
  private static final Set<String> RESERVED = Set.of("time", "level", "logger", "thread", "message", "exception", "stack");

  private JsonLine() {}

  static String format(Instant time, String level, String logger, String thread, String message,
      Map<String, ?> fields, Throwable error) {
    StringBuilder json = new StringBuilder(160).append('{');
    field(json, "time", time.toString());
    field(json, "level", level);
    field(json, "logger", logger);
    field(json, "thread", thread);
    field(json, "message", message);
    fields.forEach((key, value) -> field(json, RESERVED.contains(key) ? "field." + key : key, value));
    if (error != null) {
      field(json, "exception", error.toString());
      field(json, "stack", stackTrace(error));
    }
    return json.append('}').toString();
  }

  private static void field(StringBuilder json, String key, Object value) {
    if (json.length() > 1) json.append(',');
    string(json, key);
    json.append(':');
    if (value == null) {
      json.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || (value instanceof Double d && Double.isFinite(d))) {
      json.append(value);
    } else {
      string(json, String.valueOf(value));
    }
  }

  private static void string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') json.append(String.format("\\u%04x", (int) c));
          else json.append(c);
        }
      }
    }
    json.append('"');
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }
}

package io.secretgate.config;

import java.util.Map;

/**
 * Where each setting that was given came from: its flag ({@code --metrics-port}) or its environment
 * variable ({@code SECRETGATE_METRICS_PORT}), so that a problem found after parsing (a port that
 * cannot be bound, a file that cannot be read) names what the user actually wrote.
 *
 * @param given the flag or variable of every setting given a value; settings left at their default are absent
 */
public record SettingSources(Map<ServeSetting, String> given) {
  public SettingSources {
    given = Map.copyOf(given);
  }

  /** No setting given: every setting is named by its flag. */
  public static SettingSources none() {
    return new SettingSources(Map.of());
  }

  /** The flag or variable {@code s} came from; its flag when it was not given. */
  public String name(ServeSetting s) {
    return given.getOrDefault(s, s.flag());
  }

  /** {@code SECRETGATE_METRICS_PORT="8080"}: the value of {@code s} named by where it came from. */
  public String named(ServeSetting s, Object value) {
    return quoted(name(s), value);
  }

  /** {@code source="value"}: how a problem names a value it refuses, on one line ({@link #escaped}). */
  static String quoted(String source, Object value) {
    return source + "=\"" + escaped(String.valueOf(value)) + "\"";
  }

  /**
   * {@code text} with quotes, backslashes, control characters and line or paragraph separators escaped
   * as Go's {@code %q} writes them (a line break as {@code \n}), so that a message naming a value (one
   * read from a file keeps its line break) stays on one line.
   */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      int type = Character.getType(c);
      if (c == '"' || c == '\\') out.append('\\').appendCodePoint(c);
      else if (c == '\n') out.append("\\n");
      else if (c == '\r') out.append("\\r");
      else if (c == '\t') out.append("\\t");
      else if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}

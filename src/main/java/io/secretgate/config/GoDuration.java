package io.secretgate.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Go's {@code time.ParseDuration}: a possibly signed sequence of decimal numbers, each with an
 * optional fraction and a unit ({@code ns us µs μs ms s m h}), such as {@code 1h30m} or
 * {@code 1.5s}; a lone {@code 0} is allowed. ESO's {@code refreshInterval} uses it.
 */
public final class GoDuration {
  private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** The duration, or empty when {@code text} is not a Go duration. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    String s = text;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) return Optional.of(Duration.ZERO);
    if (s.isEmpty()) return Optional.empty();
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        return Optional.empty();
      }
      int unitStart = i;
      while (i < s.length() && !isAsciiDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
      Long unit = NANOS_PER_UNIT.get(s.substring(unitStart, i));
      if (unit == null) return Optional.empty();
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
    }
    if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return Optional.empty();
    long nanos = total.longValue();
    return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
  }

  /** Go reads only {@code 0}-{@code 9} as digits ({@link Character#isDigit} also takes e.g. Arabic-Indic digits). */
  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package io.secretgate.vault.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Vault's {@code parseutil.ParseDurationSecond} for policy values: a bare number means seconds;
 * a string is an integer (seconds), {@code <int>d} (days) or a Go duration ({@code 1h30m},
 * {@code 1.5s}, {@code 300ms}).
 */
final class VaultDurations {
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
  private static final long SECOND = 1_000_000_000L;
  /** More digits before the point than any number of seconds a duration can hold. */
  private static final int MAX_SECONDS_DIGITS = 20;
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L,
      "\u03bcs", 1_000L,
      "ms", 1_000_000L,
      "s", SECOND,
      "m", 60 * SECOND,
      "h", 3600 * SECOND);

  private VaultDurations() {}

  /** @throws IllegalArgumentException with Vault's reason when the value is not a duration */
  static Duration parse(Hcl.Value value) {
    if (!(value instanceof Hcl.Literal literal)) {
      throw new IllegalArgumentException("could not parse duration from input");
    }
    return switch (literal.kind()) {
      case NULL -> Duration.ZERO;
      case BOOL -> throw new IllegalArgumentException("could not parse duration from input");
      case NUMBER -> seconds(goInt(literal.text()));
      case FLOAT -> seconds(wholeSeconds(new BigDecimal(literal.text())));
      case STRING, HEREDOC -> parseString(literal.text());
    };
  }

  /**
   * The whole seconds of a number literal, refusing one far out of range (e.g. {@code 1e99999999})
   * before its digits are spelled out, which would take minutes or overflow {@link BigInteger}.
   */
  private static BigInteger wholeSeconds(BigDecimal seconds) {
    if (seconds.precision() - seconds.scale() > MAX_SECONDS_DIGITS) {
      throw new IllegalArgumentException("duration out of range");
    }
    return seconds.setScale(0, RoundingMode.DOWN).toBigInteger();
  }

  private static Duration parseString(String s) {
    if (s.isEmpty()) {
      return Duration.ZERO;
    }
    if (s.matches("[+-]?[0-9]+")) {
      return seconds(new BigInteger(s));
    }
    if (s.endsWith("d")) {
      String days = s.substring(0, s.length() - 1);
      if (!days.matches("[+-]?[0-9]+")) {
        throw new IllegalArgumentException("invalid syntax: " + quote(s));
      }
      return nanos(new BigInteger(days).multiply(BigInteger.valueOf(86_400 * SECOND)));
    }
    return goDuration(s);
  }

  /** Go's {@code time.ParseDuration}. */
  private static Duration goDuration(String original) {
    String s = original;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration " + quote(original));
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int numberStart = i;
      while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(numberStart, i);
      if (!number.matches("[0-9]*(\\.[0-9]*)?") || number.replace(".", "").isEmpty()) {
        throw new IllegalArgumentException("time: invalid duration " + quote(original));
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isAsciiDigit(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(original));
      }
      Long scale = UNITS.get(unit);
      if (scale == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(unit) + " in duration " + quote(original));
      }
      String normalized = number.startsWith(".") ? "0" + number : number;
      normalized = normalized.endsWith(".") ? normalized + "0" : normalized;
      BigDecimal nanos = new BigDecimal(normalized).multiply(BigDecimal.valueOf(scale));
      total = total.add(nanos.setScale(0, RoundingMode.DOWN));
    }
    BigInteger result = total.toBigInteger();
    return nanos(negative ? result.negate() : result);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static BigInteger goInt(String text) {
    String digits = text;
    boolean negative = digits.startsWith("-");
    if (negative) {
      digits = digits.substring(1);
    }
    int radix = 10;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    try {
      BigInteger value = new BigInteger(digits, radix);
      return negative ? value.negate() : value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid number " + text);
    }
  }

  private static Duration seconds(BigInteger seconds) {
    return nanos(seconds.multiply(BigInteger.valueOf(SECOND)));
  }

  private static Duration nanos(BigInteger nanos) {
    if (nanos.compareTo(MAX_NANOS) > 0 || nanos.compareTo(MIN_NANOS) < 0) {
      throw new IllegalArgumentException("duration out of range");
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static String quote(String s) {
    return Quoting.quote(s);
  }
}

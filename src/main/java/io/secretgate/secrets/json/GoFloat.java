package io.secretgate.secrets.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's float64 text forms, which ESO's output depends on:
 *
 * <ul>
 *   <li>{@link #formatF}: {@code strconv.FormatFloat(f, 'f', -1, 64)}, the shortest decimal that
 *       reads back as the same float64, never with an exponent ({@code 1e21} is
 *       {@code 1000000000000000000000}). Used by gjson for non-integer numbers and by ESO for
 *       values that went through {@code json.Unmarshal} into {@code any}.
 *   <li>{@link #formatJson}: how {@code encoding/json} writes a float64 ({@code 'f'}, or {@code 'e'}
 *       below 1e-6 and from 1e21 on, with {@code e-07} cleaned to {@code e-7}).
 * </ul>
 *
 * Shortest digits are computed with {@link BigDecimal} because Java 17's {@code Double.toString}
 * is not always the shortest form.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Go's {@code strconv.ParseFloat(s, 64)} value of a JSON number literal (±Infinity on overflow). */
  public static double parse(String literal) {
    return Double.parseDouble(literal);
  }

  /** {@code strconv.FormatFloat(f, 'f', -1, 64)}. */
  public static String formatF(double f) {
    if (Double.isNaN(f)) return "NaN";
    if (Double.isInfinite(f)) return f > 0 ? "+Inf" : "-Inf";
    if (f == 0) return (1 / f < 0) ? "-0" : "0";
    return shortest(f).toPlainString();
  }

  /** The text {@code encoding/json} writes for a float64 value. */
  public static String formatJson(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f)) {
      throw new IllegalArgumentException("json: unsupported value");
    }
    double abs = Math.abs(f);
    if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) return formatF(f);
    BigDecimal d = shortest(f);
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder();
    if (f < 0) sb.append('-');
    sb.append(digits.charAt(0));
    if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int absExp = Math.abs(exponent);
    if (absExp < 10 && exponent >= 0) sb.append('0');
    sb.append(absExp);
    return sb.toString();
  }

  /** The shortest decimal that parses back to {@code f}, trailing zeros stripped. */
  static BigDecimal shortest(double f) {
    BigDecimal exact = new BigDecimal(f);
    for (int precision = 1; precision <= 17; precision++) {
      MathContext mc = new MathContext(precision, RoundingMode.HALF_EVEN);
      BigDecimal nearest = exact.round(mc);
      if (nearest.doubleValue() == f) return nearest.stripTrailingZeros();
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
      boolean downOk = down.doubleValue() == f;
      boolean upOk = up.doubleValue() == f;
      if (downOk && upOk) {
        BigDecimal dd = exact.subtract(down).abs();
        BigDecimal du = up.subtract(exact).abs();
        return (dd.compareTo(du) <= 0 ? down : up).stripTrailingZeros();
      }
      if (downOk) return down.stripTrailingZeros();
      if (upOk) return up.stripTrailingZeros();
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}

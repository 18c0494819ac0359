package io.secretgate.secrets.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's formatting of {@code float64}: the shortest decimal that reads back as the same value
 * (strconv's {@code -1} precision), laid out as {@code fmt}'s {@code %v} or as {@code encoding/json}.
 */
final class GoFloat {

    private GoFloat() {
    }

    /** Shortest digits (no leading or trailing zeros) and the decimal point position: 0.digits × 10^point. */
    private record Decimal(String digits, int point) {
    }

    /** {@code fmt.Sprint(f)}: {@code %g} with shortest precision, exponent form below 1e-4 and from 1e6. */
    static String formatV(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        String sign = (f < 0 || (f == 0 && 1 / f < 0)) ? "-" : "";
        if (f == 0) {
            return sign + "0";
        }
        Decimal d = shortest(Math.abs(f));
        int exp = d.point() - 1;
        if (exp < -4 || exp >= 6) {
            return sign + exponential(d);
        }
        return sign + fixed(d);
    }

    /** {@code encoding/json}'s float encoding: fixed notation unless below 1e-6 or from 1e21. */
    static String formatJson(double f) {
        String sign = (f < 0 || (f == 0 && 1 / f < 0)) ? "-" : "";
        if (f == 0) {
            return sign + "0";
        }
        double abs = Math.abs(f);
        Decimal d = shortest(abs);
        if (abs < 1e-6 || abs >= 1e21) {
            String e = exponential(d);
            int n = e.length();
            if (n >= 4 && e.charAt(n - 4) == 'e' && e.charAt(n - 3) == '-' && e.charAt(n - 2) == '0') {
                e = e.substring(0, n - 2) + e.charAt(n - 1);
            }
            return sign + e;
        }
        return sign + fixed(d);
    }

    private static String exponential(Decimal d) {
        StringBuilder b = new StringBuilder();
        b.append(d.digits().charAt(0));
        if (d.digits().length() > 1) {
            b.append('.').append(d.digits(), 1, d.digits().length());
        }
        int exp = d.point() - 1;
        b.append('e').append(exp < 0 ? '-' : '+');
        int abs = Math.abs(exp);
        if (abs < 10) {
            b.append('0');
        }
        return b.append(abs).toString();
    }

    private static String fixed(Decimal d) {
        String digits = d.digits();
        int point = d.point();
        if (point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return digits + "0".repeat(point - digits.length());
        }
        return digits.substring(0, point) + "." + digits.substring(point);
    }

    /** The shortest decimal that rounds back to f (f finite and positive); the closest one on ties. */
    private static Decimal shortest(double f) {
        BigDecimal exact = new BigDecimal(f);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == f) {
                return toDecimal(nearest);
            }
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal other = exact.round(new MathContext(precision, mode));
                if (other.compareTo(nearest) != 0 && other.doubleValue() == f) {
                    return toDecimal(other);
                }
            }
        }
        return toDecimal(exact.round(MathContext.DECIMAL64));
    }

    private static Decimal toDecimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int point = digits.length() - stripped.scale();
        return new Decimal(digits, point);
    }
}

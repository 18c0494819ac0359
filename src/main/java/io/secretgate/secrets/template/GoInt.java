package io.secretgate.secrets.template;

import java.math.BigInteger;

/** Go's {@code strconv.ParseInt(text, 0, 64)}: sign, 0x/0o/0b/0 prefixes, underscores between digits. */
final class GoInt {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GoInt() {
    }

    /** The value, or null when the text is not an integer literal or does not fit in 64 bits. */
    static Long parse(String text) {
        BigInteger value = magnitude(text);
        if (value == null || value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            return null;
        }
        return value.longValue();
    }

    /** True when the text is integer syntax, whatever its size. */
    static boolean isWellFormed(String text) {
        return magnitude(text) != null;
    }

    private static BigInteger magnitude(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        int base = 10;
        String digits = s;
        if (s.charAt(0) == '0' && s.length() > 1) {
            char p = Character.toLowerCase(s.charAt(1));
            if (s.length() >= 3 && p == 'b') {
                base = 2;
                digits = s.substring(2);
            } else if (s.length() >= 3 && p == 'o') {
                base = 8;
                digits = s.substring(2);
            } else if (s.length() >= 3 && p == 'x') {
                base = 16;
                digits = s.substring(2);
            } else {
                base = 8;
                digits = s.substring(1);
            }
        }
        boolean underscores = digits.indexOf('_') >= 0;
        if (underscores && !underscoreOk(s)) {
            return null;
        }
        String clean = digits.replace("_", "");
        if (clean.isEmpty()) {
            return digits.isEmpty() ? BigInteger.ZERO : null;
        }
        for (int i = 0; i < clean.length(); i++) {
            if (Character.digit(clean.charAt(i), base) < 0 || clean.charAt(i) > 'z') {
                return null;
            }
        }
        BigInteger value = new BigInteger(clean, base);
        return negative ? value.negate() : value;
    }

    /** Underscores only between digits, or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            if (p == 'b' || p == 'o' || p == 'x') {
                i = 2;
                saw = '0';
                hex = p == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lc = Character.toLowerCase(c);
            if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}

package io.secretgate.secrets.template;

/**
 * Go's {@code unicode} predicates and case mappings on runes.
 *
 * <p>The Java runtime may know an older Unicode version than the Go build of ESO. Functions whose
 * result depends on character properties call {@link #requireAssigned} so that a character unknown
 * here becomes an error instead of a possibly different result.
 */
final class GoUnicode {

    private GoUnicode() {
    }

    /** Go's {@code unicode.IsSpace}: the Unicode White_Space property. */
    static boolean isSpace(int r) {
        if (r <= 0xFF) {
            return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
        }
        return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029
                || r == 0x202F || r == 0x205F || r == 0x3000;
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER:
            case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.LETTER_NUMBER:
            case Character.OTHER_NUMBER:
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** Go's {@code unicode.IsLetter} (category L). */
    static boolean isLetter(int r) {
        return Character.isLetter(r);
    }

    /** Go's {@code unicode.IsDigit} (category Nd). */
    static boolean isDigit(int r) {
        return Character.getType(r) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** Go's {@code unicode.ToUpper}: the simple (one rune) mapping. */
    static int toUpper(int r) {
        return Character.toUpperCase(r);
    }

    /** Go's {@code unicode.ToLower}: the simple (one rune) mapping. */
    static int toLower(int r) {
        return Character.toLowerCase(r);
    }

    /** Go's {@code unicode.ToTitle}: the simple (one rune) mapping. */
    static int toTitle(int r) {
        return Character.toTitleCase(r);
    }

    /** Fails for a code point this runtime's Unicode tables do not assign (see the class comment). */
    static void requireAssigned(int r, String function) throws FunctionError {
        if (r >= 0x80 && Character.getType(r) == Character.UNASSIGNED) {
            throw new FunctionError(function + ": the value contains a character that is unassigned in "
                    + "the Unicode version of this Java runtime, so the result could differ from ESO's");
        }
    }
}

package io.secretgate.secrets.template;

/**
 * Go's view of the values a template handles. A value is one of: {@link GoString} ({@code string}),
 * {@link Long} ({@code int}), {@link Boolean} ({@code bool}), {@link Double} ({@code float64}),
 * {@link GoMap}, {@link GoList}, or null (a nil interface or no value at all).
 */
final class GoValues {

    private GoValues() {
    }

    static String typeName(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof GoString) {
            return "string";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double) {
            return "float64";
        }
        if (value instanceof GoMap) {
            return ((GoMap) value).typeName();
        }
        if (value instanceof GoList) {
            return "[]interface {}";
        }
        throw new IllegalStateException("not a template value: " + value.getClass().getName());
    }

    /** Go's {@code template.IsTrue}: the truth used by if, with, and, or, not. */
    static boolean isTrue(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof GoString) {
            return !((GoString) value).isEmpty();
        }
        if (value instanceof Long) {
            return (Long) value != 0;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Double) {
            return (Double) value != 0;
        }
        if (value instanceof GoMap) {
            return ((GoMap) value).size() > 0;
        }
        if (value instanceof GoList) {
            return ((GoList) value).size() > 0;
        }
        throw new IllegalStateException("not a template value: " + value.getClass().getName());
    }

    /** Sprig's {@code empty}, used by {@code default}. For these types it is the negation of truth. */
    static boolean isEmpty(Object value) {
        return !isTrue(value);
    }
}

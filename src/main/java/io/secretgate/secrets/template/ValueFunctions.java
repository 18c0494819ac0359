package io.secretgate.secrets.template;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Go's builtins and Sprig's functions that work on values of any type. */
final class ValueFunctions {

    private ValueFunctions() {
    }

    /** Go's {@code index item keys...}. */
    static Object index(Object item, List<Object> keys) throws FunctionError {
        if (item == null) {
            throw new FunctionError("index of untyped nil");
        }
        boolean fromInterface = false;
        for (Object key : keys) {
            if (item == null) {
                throw new FunctionError(fromInterface ? "index of nil pointer" : "index of untyped nil");
            }
            if (item instanceof GoList) {
                GoList list = (GoList) item;
                if (!(key instanceof Long)) {
                    throw new FunctionError(key == null ? "cannot index slice/array with nil"
                            : "cannot index slice/array with type " + GoValues.typeName(key));
                }
                long x = (Long) key;
                if (x < 0 || x >= list.size()) {
                    throw new FunctionError("index out of range: " + x);
                }
                item = list.elements().get((int) x);
                fromInterface = true;
            } else if (item instanceof GoMap) {
                GoMap map = (GoMap) item;
                if (key == null) {
                    throw new FunctionError("value is nil; should be of type string");
                }
                if (!(key instanceof GoString)) {
                    throw new FunctionError("value has type " + GoValues.typeName(key) + "; should be string");
                }
                String name = ((GoString) key).utf8().orElse(null);
                if (name != null && map.containsKey(name)) {
                    item = map.get(name);
                    fromInterface = !map.hasStringValues();
                } else {
                    item = map.zeroElement();
                    fromInterface = !map.hasStringValues();
                }
            } else if (item instanceof GoString) {
                throw new FunctionError("index of a string (which yields a byte) is not supported by secretgate");
            } else {
                throw new FunctionError("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    /** Go's {@code len}. */
    static Long len(Object item) throws FunctionError {
        if (item instanceof GoString) {
            return (long) ((GoString) item).length();
        }
        if (item instanceof GoMap) {
            return (long) ((GoMap) item).size();
        }
        if (item instanceof GoList) {
            return (long) ((GoList) item).size();
        }
        if (item == null) {
            throw new FunctionError("len of nil value");
        }
        throw new FunctionError("len of type " + GoValues.typeName(item));
    }

    /** Sprig's {@code get map key}: the value, or "" when the key is missing. */
    static Object get(GoMap map, GoString key) {
        String name = key.utf8().orElse(null);
        if (name != null && map.containsKey(name)) {
            return map.get(name);
        }
        return GoString.EMPTY;
    }

    /** Sprig's {@code default fallback given...}. */
    static Object dfault(Object fallback, List<Object> given) {
        if (given.isEmpty() || GoValues.isEmpty(given.get(0))) {
            return fallback;
        }
        return given.get(0);
    }

    /** Sprig's {@code quote}: each non-nil argument as a Go string literal, space separated. */
    static GoString quote(List<Object> args) throws FunctionError {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (Object arg : args) {
            if (arg == null) {
                continue;
            }
            if (!first) {
                out.write(' ');
            }
            first = false;
            out.writeBytes(GoFmt.quote(GoFmt.strval(arg)));
        }
        return GoString.wrap(out.toByteArray());
    }

    /** Sprig's {@code squote}: each non-nil argument in single quotes, space separated. */
    static GoString squote(List<Object> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (Object arg : args) {
            if (arg == null) {
                continue;
            }
            if (!first) {
                out.write(' ');
            }
            first = false;
            out.write('\'');
            GoFmt.appendV(out, arg);
            out.write('\'');
        }
        return GoString.wrap(out.toByteArray());
    }

    /** Sprig's {@code join sep list}: a list's non-nil elements, or a single value, as strings. */
    static GoString join(GoString sep, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value instanceof GoList) {
            boolean first = true;
            for (Object element : ((GoList) value).elements()) {
                if (element == null) {
                    continue;
                }
                if (!first) {
                    out.writeBytes(sep.raw());
                }
                first = false;
                out.writeBytes(GoFmt.strval(element).raw());
            }
        } else if (value != null) {
            out.writeBytes(GoFmt.strval(value).raw());
        }
        return GoString.wrap(out.toByteArray());
    }

    /** Go's {@code not}. */
    static Boolean not(Object value) {
        return !GoValues.isTrue(value);
    }

    /**
     * Go's {@code eq a b...}: true when a equals any of the others, compared left to right. Values of
     * different kinds fail to compare, except that nil compares (unequal) with anything; lists and
     * maps compare only with nil.
     */
    static Boolean eq(Object first, List<Object> others) throws FunctionError {
        if (others.isEmpty()) {
            throw new FunctionError("missing argument for comparison");
        }
        for (Object other : others) {
            boolean basicFirst = isBasic(first);
            boolean basicOther = isBasic(other);
            if (!basicFirst && !basicOther) {
                if (first != null && other != null) {
                    throw new FunctionError("non-comparable types for comparison");
                }
                if (first == null && other == null) {
                    return true;
                }
                continue;
            }
            if (!basicFirst || !basicOther || first.getClass() != other.getClass()) {
                if (first != null && other != null) {
                    throw new FunctionError("incompatible types for comparison");
                }
                continue;
            }
            boolean equal = first instanceof Double
                    ? ((Double) first).doubleValue() == ((Double) other).doubleValue()
                    : first.equals(other);
            if (equal) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBasic(Object value) {
        return value instanceof GoString || value instanceof Long || value instanceof Boolean
                || value instanceof Double;
    }

    /** Go's {@code ne a b}. */
    static Boolean ne(Object a, Object b) throws FunctionError {
        return !eq(a, java.util.Collections.singletonList(b));
    }
}

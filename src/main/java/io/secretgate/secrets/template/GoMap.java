package io.secretgate.secrets.template;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Go map with string keys: either the data context ({@code map[string]string}) or a decoded JSON
 * object ({@code map[string]interface {}}). Entries iterate in Go's order for string keys (by UTF-8
 * bytes, which is code point order).
 */
final class GoMap {

    static final Comparator<String> KEY_ORDER = GoMap::compareCodePoints;

    private final boolean stringValues;
    private final SortedMap<String, Object> entries;

    private GoMap(boolean stringValues, SortedMap<String, Object> entries) {
        this.stringValues = stringValues;
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    static GoMap ofSecretData(Map<String, byte[]> values) {
        SortedMap<String, Object> entries = new TreeMap<>(KEY_ORDER);
        values.forEach((key, value) -> entries.put(key, value == null ? GoString.EMPTY : GoString.copyOf(value)));
        return new GoMap(true, entries);
    }

    static GoMap ofJson(SortedMap<String, Object> entries) {
        return new GoMap(false, entries);
    }

    /** True for {@code map[string]string}, false for {@code map[string]interface {}}. */
    boolean hasStringValues() {
        return stringValues;
    }

    String typeName() {
        return stringValues ? "map[string]string" : "map[string]interface {}";
    }

    boolean containsKey(String key) {
        return entries.containsKey(key);
    }

    /** The value under the key; null for a JSON null. Check {@link #containsKey} first. */
    Object get(String key) {
        return entries.get(key);
    }

    /** The zero value of the element type, returned by {@code index} for a missing key. */
    Object zeroElement() {
        return stringValues ? GoString.EMPTY : null;
    }

    int size() {
        return entries.size();
    }

    SortedMap<String, Object> entries() {
        return entries;
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

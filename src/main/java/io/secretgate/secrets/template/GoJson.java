package io.secretgate.secrets.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON as Go's {@code encoding/json} reads it into {@code interface {}} (objects become
 * {@code map[string]interface {}}, arrays {@code []interface {}}, numbers {@code float64}) and
 * writes it with {@code json.Marshal} (sorted keys, HTML-safe escaping).
 */
final class GoJson {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * The deepest nesting {@code fromJson} decodes. Go allows 10,000 levels, but decoding, printing
     * and {@code toJson} recurse once per level, and a thread's default stack overflows at a few
     * thousand, or at about a thousand in code not yet compiled by the JIT, with the caller's frames
     * below (seen once in CI at exactly 1,000): deeper values fail with a clear error instead. Real
     * secret documents nest a few levels; 256 leaves the stack a wide margin.
     */
    static final int MAX_DEPTH = 256;

    private GoJson() {
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes a whole JSON text; fails on anything Go's decoder would reject. */
    static Object parse(GoString text, String function) throws FunctionError {
        Parser p = new Parser(text.raw(), function);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != p.in.length) {
            throw p.invalid();
        }
        return value;
    }

    private static final class Parser {
        private final byte[] in;
        private final String function;
        private int pos;

        Parser(byte[] in, String function) {
            this.in = in;
            this.function = function;
        }

        FunctionError invalid() {
            return new FunctionError(function + ": the value is not valid JSON");
        }

        void skipSpace() {
            while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
                pos++;
            }
        }

        Object value(int depth) throws FunctionError {
            if (pos >= in.length) {
                throw invalid();
            }
            switch (in[pos]) {
                case '{':
                    return object(nested(depth));
                case '[':
                    return array(nested(depth));
                case '"':
                    return GoString.wrap(string());
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    return number();
            }
        }

        private void literal(String word) throws FunctionError {
            for (int i = 0; i < word.length(); i++) {
                if (pos >= in.length || in[pos] != word.charAt(i)) {
                    throw invalid();
                }
                pos++;
            }
        }

        /** An object or array at {@code depth} (0 for the outermost) is level depth + 1. */
        private int nested(int depth) throws FunctionError {
            if (depth >= MAX_DEPTH) {
                throw new FunctionError(function + ": the JSON value is nested deeper than " + MAX_DEPTH
                        + " levels, which secretgate does not support");
            }
            return depth;
        }

        private GoMap object(int depth) throws FunctionError {
            pos++;
            SortedMap<String, Object> entries = new TreeMap<>(GoMap.KEY_ORDER);
            skipSpace();
            if (pos < in.length && in[pos] == '}') {
                pos++;
                return GoMap.ofJson(entries);
            }
            while (true) {
                skipSpace();
                if (pos >= in.length || in[pos] != '"') {
                    throw invalid();
                }
                String key = new String(string(), StandardCharsets.UTF_8);
                skipSpace();
                if (pos >= in.length || in[pos] != ':') {
                    throw invalid();
                }
                pos++;
                skipSpace();
                entries.put(key, value(depth + 1));
                skipSpace();
                if (pos >= in.length) {
                    throw invalid();
                }
                if (in[pos] == ',') {
                    pos++;
                } else if (in[pos] == '}') {
                    pos++;
                    return GoMap.ofJson(entries);
                } else {
                    throw invalid();
                }
            }
        }

        private GoList array(int depth) throws FunctionError {
            pos++;
            List<Object> elements = new ArrayList<>();
            skipSpace();
            if (pos < in.length && in[pos] == ']') {
                pos++;
                return new GoList(elements);
            }
            while (true) {
                skipSpace();
                elements.add(value(depth + 1));
                skipSpace();
                if (pos >= in.length) {
                    throw invalid();
                }
                if (in[pos] == ',') {
                    pos++;
                } else if (in[pos] == ']') {
                    pos++;
                    return new GoList(elements);
                } else {
                    throw invalid();
                }
            }
        }

        /** A JSON string at pos (on the opening quote), decoded to UTF-8 bytes the way Go does. */
        private byte[] string() throws FunctionError {
            pos++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= in.length) {
                    throw invalid();
                }
                int c = in[pos] & 0xFF;
                if (c == '"') {
                    pos++;
                    return out.toByteArray();
                }
                if (c < 0x20) {
                    throw invalid();
                }
                if (c == '\\') {
                    escape(out);
                } else if (c < 0x80) {
                    out.write(c);
                    pos++;
                } else {
                    Utf8.Rune r = Utf8.decode(in, pos, in.length);
                    if (r.invalid()) {
                        Utf8.append(out, Utf8.RUNE_ERROR);
                    } else {
                        out.write(in, pos, r.size());
                    }
                    pos += r.size();
                }
            }
        }

        private void escape(ByteArrayOutputStream out) throws FunctionError {
            if (pos + 1 >= in.length) {
                throw invalid();
            }
            byte e = in[pos + 1];
            pos += 2;
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    out.write(e);
                    return;
                case 'b':
                    out.write('\b');
                    return;
                case 'f':
                    out.write('\f');
                    return;
                case 'n':
                    out.write('\n');
                    return;
                case 'r':
                    out.write('\r');
                    return;
                case 't':
                    out.write('\t');
                    return;
                case 'u':
                    int r = hex4();
                    if (r >= 0xD800 && r < 0xDC00) {
                        if (pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u') {
                            int save = pos;
                            pos += 2;
                            int low = hex4();
                            if (low >= 0xDC00 && low < 0xE000) {
                                Utf8.append(out, 0x10000 + ((r - 0xD800) << 10) + (low - 0xDC00));
                                return;
                            }
                            pos = save;
                        }
                        Utf8.append(out, Utf8.RUNE_ERROR);
                        return;
                    }
                    Utf8.append(out, r);
                    return;
                default:
                    throw invalid();
            }
        }

        private int hex4() throws FunctionError {
            if (pos + 4 > in.length) {
                throw invalid();
            }
            int r = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(in[pos + i], 16);
                if (d < 0) {
                    throw invalid();
                }
                r = r * 16 + d;
            }
            pos += 4;
            return r;
        }

        private Double number() throws FunctionError {
            int start = pos;
            if (pos < in.length && in[pos] == '-') {
                pos++;
            }
            if (pos < in.length && in[pos] == '0') {
                pos++;
            } else if (pos < in.length && in[pos] >= '1' && in[pos] <= '9') {
                digits();
            } else {
                throw invalid();
            }
            if (pos < in.length && in[pos] == '.') {
                pos++;
                if (digits() == 0) {
                    throw invalid();
                }
            }
            if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
                pos++;
                if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw invalid();
                }
            }
            double d = Double.parseDouble(new String(in, start, pos - start, StandardCharsets.US_ASCII));
            if (Double.isInfinite(d)) {
                throw new FunctionError(function + ": a JSON number is out of the float64 range");
            }
            return d;
        }

        private int digits() {
            int start = pos;
            while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
            }
            return pos - start;
        }
    }

    // ---------------------------------------------------------------- encoding

    /** {@code json.Marshal(v)} for a template value. */
    static GoString encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return GoString.wrap(out.toByteArray());
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof GoString) {
            writeString(out, ((GoString) value).raw());
        } else if (value instanceof Long || value instanceof Boolean) {
            out.writeBytes(value.toString().getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof Double) {
            out.writeBytes(GoFloat.formatJson((Double) value).getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof GoList) {
            out.write('[');
            boolean first = true;
            for (Object element : ((GoList) value).elements()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                write(out, element);
            }
            out.write(']');
        } else if (value instanceof GoMap) {
            out.write('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((GoMap) value).entries().entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeString(out, e.getKey().getBytes(StandardCharsets.UTF_8));
                out.write(':');
                write(out, e.getValue());
            }
            out.write('}');
        } else {
            throw new IllegalStateException("not a template value: " + value.getClass().getName());
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        out.write('"');
        int i = 0;
        while (i < s.length) {
            int b = s[i] & 0xFF;
            if (b < 0x80) {
                if (b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&') {
                    out.write(b);
                } else {
                    switch (b) {
                        case '"':
                        case '\\':
                            out.write('\\');
                            out.write(b);
                            break;
                        case '\b':
                            out.write('\\');
                            out.write('b');
                            break;
                        case '\f':
                            out.write('\\');
                            out.write('f');
                            break;
                        case '\n':
                            out.write('\\');
                            out.write('n');
                            break;
                        case '\r':
                            out.write('\\');
                            out.write('r');
                            break;
                        case '\t':
                            out.write('\\');
                            out.write('t');
                            break;
                        default:
                            out.writeBytes(new byte[] {'\\', 'u', '0', '0', HEX[b >> 4], HEX[b & 0xF]});
                    }
                }
                i++;
                continue;
            }
            Utf8.Rune r = Utf8.decode(s, i, s.length);
            if (r.invalid()) {
                out.writeBytes("\\ufffd".getBytes(StandardCharsets.US_ASCII));
            } else if (r.value() == 0x2028 || r.value() == 0x2029) {
                out.writeBytes(new byte[] {'\\', 'u', '2', '0', '2', HEX[r.value() & 0xF]});
            } else {
                out.write(s, i, r.size());
            }
            i += r.size();
        }
        out.write('"');
    }
}

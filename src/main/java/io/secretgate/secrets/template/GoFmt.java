package io.secretgate.secrets.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The parts of Go's {@code fmt} and {@code strconv} the template functions use. */
final class GoFmt {

    private static final byte[] LOWER_HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private GoFmt() {
    }

    /** {@code fmt.Sprint(v)} / {@code %v} of one value; null prints as {@code <nil>}. */
    static void appendV(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            ascii(out, "<nil>");
        } else if (value instanceof GoString) {
            out.writeBytes(((GoString) value).raw());
        } else if (value instanceof Long || value instanceof Boolean) {
            ascii(out, value.toString());
        } else if (value instanceof Double) {
            ascii(out, GoFloat.formatV((Double) value));
        } else if (value instanceof GoList) {
            out.write('[');
            List<Object> elements = ((GoList) value).elements();
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.write(' ');
                }
                appendV(out, elements.get(i));
            }
            out.write(']');
        } else if (value instanceof GoMap) {
            ascii(out, "map[");
            boolean first = true;
            for (Map.Entry<String, Object> e : ((GoMap) value).entries().entrySet()) {
                if (!first) {
                    out.write(' ');
                }
                first = false;
                out.writeBytes(e.getKey().getBytes(StandardCharsets.UTF_8));
                out.write(':');
                appendV(out, e.getValue());
            }
            out.write(']');
        } else {
            throw new IllegalStateException("not a template value: " + value.getClass().getName());
        }
    }

    /** Sprig's {@code strval}: a string as is, anything else as {@code %v}. */
    static GoString strval(Object value) {
        if (value instanceof GoString) {
            return (GoString) value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        appendV(out, value);
        return GoString.wrap(out.toByteArray());
    }

    /** {@code fmt.Sprint(args...)}: a space between two operands when neither is a string. */
    static GoString sprint(List<Object> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof GoString;
            if (i > 0 && !isString && !prevString) {
                out.write(' ');
            }
            appendV(out, arg);
            prevString = isString;
        }
        return GoString.wrap(out.toByteArray());
    }

    /**
     * {@code fmt.Sprintf} for the verbs {@code %s} (strings), {@code %d} (integers), {@code %v} (any
     * value), {@code %q} (strings) and {@code %%}, without flags, width or precision. Everything
     * else, a wrong argument type and a wrong argument count are errors, where Go would print
     * {@code %!verb(...)} markers into the output.
     */
    static GoString sprintf(GoString format, List<Object> args) throws FunctionError {
        byte[] f = format.raw();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int argIndex = 0;
        for (int i = 0; i < f.length; i++) {
            byte c = f[i];
            if (c != '%') {
                out.write(c);
                continue;
            }
            if (i + 1 >= f.length) {
                throw unsupportedFormat();
            }
            byte verb = f[++i];
            if (verb == '%') {
                out.write('%');
                continue;
            }
            if (verb != 's' && verb != 'd' && verb != 'v' && verb != 'q') {
                throw unsupportedFormat();
            }
            if (argIndex >= args.size()) {
                throw new FunctionError("printf: the format has more verbs than there are arguments");
            }
            Object arg = args.get(argIndex++);
            switch (verb) {
                case 's':
                    out.writeBytes(requireString(arg, "%s").raw());
                    break;
                case 'q':
                    out.writeBytes(quote(requireString(arg, "%q")));
                    break;
                case 'd':
                    if (!(arg instanceof Long)) {
                        throw new FunctionError("printf: %d needs an int argument, got " + GoValues.typeName(arg));
                    }
                    ascii(out, arg.toString());
                    break;
                default:
                    appendV(out, arg);
            }
        }
        if (argIndex < args.size()) {
            throw new FunctionError("printf: there are more arguments than the format has verbs");
        }
        return GoString.wrap(out.toByteArray());
    }

    private static GoString requireString(Object arg, String verb) throws FunctionError {
        if (!(arg instanceof GoString)) {
            throw new FunctionError("printf: " + verb + " needs a string argument, got " + GoValues.typeName(arg));
        }
        return (GoString) arg;
    }

    private static FunctionError unsupportedFormat() {
        return new FunctionError("printf: the format uses a verb, flag, width or precision secretgate does not "
                + "support (supported: %s %d %v %q %%)");
    }

    /** {@code strconv.Quote}: a double-quoted Go string literal, non-printable runes escaped. */
    static byte[] quote(GoString s) throws FunctionError {
        byte[] b = s.raw();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 2);
        out.write('"');
        int i = 0;
        while (i < b.length) {
            Utf8.Rune r = Utf8.decode(b, i, b.length);
            i += r.size();
            if (r.invalid()) {
                out.write('\\');
                out.write('x');
                int v = b[i - 1] & 0xFF;
                out.write(LOWER_HEX[v >> 4]);
                out.write(LOWER_HEX[v & 0xF]);
                continue;
            }
            escapeRune(out, r.value());
        }
        out.write('"');
        return out.toByteArray();
    }

    private static void escapeRune(ByteArrayOutputStream out, int r) throws FunctionError {
        if (r == '"' || r == '\\') {
            out.write('\\');
            out.write(r);
            return;
        }
        GoUnicode.requireAssigned(r, "quote");
        if (GoUnicode.isPrint(r)) {
            Utf8.append(out, r);
            return;
        }
        switch (r) {
            case 0x07:
                ascii(out, "\\a");
                return;
            case '\b':
                ascii(out, "\\b");
                return;
            case '\f':
                ascii(out, "\\f");
                return;
            case '\n':
                ascii(out, "\\n");
                return;
            case '\r':
                ascii(out, "\\r");
                return;
            case '\t':
                ascii(out, "\\t");
                return;
            case 0x0B:
                ascii(out, "\\v");
                return;
            default:
                break;
        }
        if (r < ' ' || r == 0x7F) {
            ascii(out, "\\x");
            out.write(LOWER_HEX[r >> 4]);
            out.write(LOWER_HEX[r & 0xF]);
        } else if (r < 0x10000) {
            ascii(out, "\\u");
            for (int shift = 12; shift >= 0; shift -= 4) {
                out.write(LOWER_HEX[(r >> shift) & 0xF]);
            }
        } else {
            ascii(out, "\\U");
            for (int shift = 28; shift >= 0; shift -= 4) {
                out.write(LOWER_HEX[(r >> shift) & 0xF]);
            }
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}

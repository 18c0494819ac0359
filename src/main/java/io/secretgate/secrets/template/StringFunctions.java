package io.secretgate.secrets.template;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.IntUnaryOperator;

/** Sprig's string functions, on Go strings (bytes), with Go's exact results. */
final class StringFunctions {

    private StringFunctions() {
    }

    /** strings.ToUpper. */
    static GoString upper(GoString s) throws FunctionError {
        return mapRunes(s, "upper", GoUnicode::toUpper);
    }

    /** strings.ToLower. */
    static GoString lower(GoString s) throws FunctionError {
        return mapRunes(s, "lower", GoUnicode::toLower);
    }

    /** strings.Title: the first letter of every word to title case; words split at separators. */
    static GoString title(GoString s) throws FunctionError {
        int[] prev = {' '};
        return mapRunes(s, "title", r -> {
            boolean atWordStart = isSeparator(prev[0]);
            prev[0] = r;
            return atWordStart ? GoUnicode.toTitle(r) : r;
        });
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7F) {
            return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
        }
        if (GoUnicode.isLetter(r) || GoUnicode.isDigit(r)) {
            return false;
        }
        return GoUnicode.isSpace(r);
    }

    /** strings.Map with a total mapping: invalid UTF-8 bytes become U+FFFD. */
    private static GoString mapRunes(GoString s, String function, IntUnaryOperator mapping) throws FunctionError {
        byte[] b = s.raw();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int i = 0;
        while (i < b.length) {
            Utf8.Rune r = Utf8.decode(b, i, b.length);
            if (r.invalid()) {
                Utf8.append(out, mapping.applyAsInt(Utf8.RUNE_ERROR));
            } else {
                GoUnicode.requireAssigned(r.value(), function);
                Utf8.append(out, mapping.applyAsInt(r.value()));
            }
            i += r.size();
        }
        return GoString.wrap(out.toByteArray());
    }

    /** strings.TrimSpace: leading and trailing Unicode white space. */
    static GoString trim(GoString s) {
        byte[] b = s.raw();
        int start = 0;
        while (start < b.length) {
            Utf8.Rune r = Utf8.decode(b, start, b.length);
            if (r.invalid() || !GoUnicode.isSpace(r.value())) {
                break;
            }
            start += r.size();
        }
        int end = b.length;
        while (end > start) {
            Utf8.Rune r = Utf8.decodeLast(b, start, end);
            if (r.invalid() || !GoUnicode.isSpace(r.value())) {
                break;
            }
            end -= r.size();
        }
        return GoString.wrap(Arrays.copyOfRange(b, start, end));
    }

    /**
     * goutils.DeleteWhiteSpace as Sprig's {@code nospace} calls it. It looks at single bytes, not
     * runes: a byte that is white space as a code point (including 0x85 and 0xA0) is dropped, and when
     * anything was dropped every other byte of 0x80 or more is re-encoded as the code point of that
     * value. This mangles non-ASCII text exactly as ESO does.
     */
    static GoString nospace(GoString s) {
        byte[] b = s.raw();
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int kept = 0;
        for (byte value : b) {
            int ch = value & 0xFF;
            if (!GoUnicode.isSpace(ch)) {
                Utf8.append(out, ch);
                kept++;
            }
        }
        return kept == b.length ? s : GoString.wrap(out.toByteArray());
    }

    /** Sprig's {@code replace old new src}: strings.Replace(src, old, new, -1). */
    static GoString replace(GoString old, GoString replacement, GoString src) {
        byte[] s = src.raw();
        byte[] o = old.raw();
        if (old.equals(replacement)) {
            return src;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
        if (o.length == 0) {
            out.writeBytes(replacement.raw());
            int i = 0;
            while (i < s.length) {
                int size = Utf8.decode(s, i, s.length).size();
                out.write(s, i, size);
                out.writeBytes(replacement.raw());
                i += size;
            }
            return GoString.wrap(out.toByteArray());
        }
        int start = 0;
        int at;
        while ((at = indexOf(s, o, start)) >= 0) {
            out.write(s, start, at - start);
            out.writeBytes(replacement.raw());
            start = at + o.length;
        }
        out.write(s, start, s.length - start);
        return GoString.wrap(out.toByteArray());
    }

    /** Sprig's {@code trimPrefix prefix s}. */
    static GoString trimPrefix(GoString prefix, GoString s) {
        byte[] p = prefix.raw();
        byte[] b = s.raw();
        if (p.length <= b.length && Arrays.equals(b, 0, p.length, p, 0, p.length)) {
            return GoString.wrap(Arrays.copyOfRange(b, p.length, b.length));
        }
        return s;
    }

    /** Sprig's {@code trimSuffix suffix s}. */
    static GoString trimSuffix(GoString suffix, GoString s) {
        byte[] p = suffix.raw();
        byte[] b = s.raw();
        if (p.length <= b.length && Arrays.equals(b, b.length - p.length, b.length, p, 0, p.length)) {
            return GoString.wrap(Arrays.copyOf(b, b.length - p.length));
        }
        return s;
    }

    /** Sprig's {@code indent n s}: n spaces before the text and after every newline. */
    static GoString indent(long spaces, GoString s) throws FunctionError {
        if (spaces < 0) {
            throw new FunctionError("strings: negative Repeat count");
        }
        if (spaces > Integer.MAX_VALUE / 2) {
            throw new FunctionError("strings: Repeat output length overflow");
        }
        byte[] pad = " ".repeat((int) spaces).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pad);
        for (byte b : s.raw()) {
            out.write(b);
            if (b == '\n') {
                out.writeBytes(pad);
            }
        }
        return GoString.wrap(out.toByteArray());
    }

    /** Sprig's {@code nindent n s}: a newline, then {@code indent n s}. */
    static GoString nindent(long spaces, GoString s) throws FunctionError {
        byte[] indented = indent(spaces, s).raw();
        byte[] out = new byte[indented.length + 1];
        out[0] = '\n';
        System.arraycopy(indented, 0, out, 1, indented.length);
        return GoString.wrap(out);
    }

    /** Sprig's {@code b64enc}: standard base64 with padding. */
    static GoString b64enc(GoString s) {
        return GoString.wrap(Base64.getEncoder().encode(s.raw()));
    }

    /**
     * Sprig's {@code b64dec}: Go's standard base64 decoding (padding required, CR and LF ignored).
     * Sprig returns Go's error text as the decoded value on bad input; secretgate fails instead.
     */
    static GoString b64dec(GoString s) throws FunctionError {
        ByteArrayOutputStream cleaned = new ByteArrayOutputStream(s.length());
        for (byte b : s.raw()) {
            if (b != '\r' && b != '\n') {
                cleaned.write(b);
            }
        }
        byte[] in = cleaned.toByteArray();
        if (in.length % 4 != 0) {
            throw invalidBase64();
        }
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            boolean alphabet = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '+' || b == '/';
            boolean padding = b == '='
                    && (i == in.length - 1 || (i == in.length - 2 && in[in.length - 1] == '='));
            if (!alphabet && !padding) {
                throw invalidBase64();
            }
        }
        return GoString.wrap(Base64.getDecoder().decode(in));
    }

    private static FunctionError invalidBase64() {
        return new FunctionError("b64dec: the value is not valid standard base64 "
                + "(ESO would silently write Go's decoding error text as the result)");
    }

    private static int indexOf(byte[] s, byte[] sub, int from) {
        outer:
        for (int i = from; i <= s.length - sub.length; i++) {
            for (int j = 0; j < sub.length; j++) {
                if (s[i + j] != sub[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

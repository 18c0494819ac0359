package io.secretgate.secrets.template;

import java.io.ByteArrayOutputStream;

/** UTF-8 decoding and encoding with Go's rules: every invalid byte decodes alone to U+FFFD. */
final class Utf8 {

    static final int RUNE_ERROR = 0xFFFD;

    private Utf8() {
    }

    /** A decoded rune and the number of bytes it took. */
    record Rune(int value, int size) {
        boolean invalid() {
            return value == RUNE_ERROR && size == 1;
        }
    }

    /** Go's {@code utf8.DecodeRune} of {@code b[off:end]}; off must be below end. */
    static Rune decode(byte[] b, int off, int end) {
        int b0 = b[off] & 0xFF;
        if (b0 < 0x80) {
            return new Rune(b0, 1);
        }
        int size;
        int lo = 0x80;
        int hi = 0xBF;
        int value;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            size = 2;
            value = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            size = 3;
            value = b0 & 0x0F;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            size = 4;
            value = b0 & 0x07;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return new Rune(RUNE_ERROR, 1);
        }
        if (end - off < size) {
            return new Rune(RUNE_ERROR, 1);
        }
        for (int k = 1; k < size; k++) {
            int c = b[off + k] & 0xFF;
            int min = k == 1 ? lo : 0x80;
            int max = k == 1 ? hi : 0xBF;
            if (c < min || c > max) {
                return new Rune(RUNE_ERROR, 1);
            }
            value = (value << 6) | (c & 0x3F);
        }
        return new Rune(value, size);
    }

    /** Go's {@code utf8.DecodeLastRune} of {@code b[start:end]}; start must be below end. */
    static Rune decodeLast(byte[] b, int start, int end) {
        int last = b[end - 1] & 0xFF;
        if (last < 0x80) {
            return new Rune(last, 1);
        }
        int lim = Math.max(start, end - 4);
        int s = end - 1;
        while (s > lim && (b[s] & 0xC0) == 0x80) {
            s--;
        }
        Rune r = decode(b, s, end);
        if (s + r.size() != end) {
            return new Rune(RUNE_ERROR, 1);
        }
        return r;
    }

    /** Go's {@code utf8.AppendRune}: surrogates and out-of-range values become U+FFFD. */
    static void append(ByteArrayOutputStream out, int r) {
        if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
            r = RUNE_ERROR;
        }
        if (r < 0x80) {
            out.write(r);
        } else if (r < 0x800) {
            out.write(0xC0 | (r >> 6));
            out.write(0x80 | (r & 0x3F));
        } else if (r < 0x10000) {
            out.write(0xE0 | (r >> 12));
            out.write(0x80 | ((r >> 6) & 0x3F));
            out.write(0x80 | (r & 0x3F));
        } else {
            out.write(0xF0 | (r >> 18));
            out.write(0x80 | ((r >> 12) & 0x3F));
            out.write(0x80 | ((r >> 6) & 0x3F));
            out.write(0x80 | (r & 0x3F));
        }
    }

    static boolean isValid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            Rune r = decode(b, i, b.length);
            if (r.invalid()) {
                return false;
            }
            i += r.size();
        }
        return true;
    }
}

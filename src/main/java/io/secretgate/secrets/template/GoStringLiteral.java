package io.secretgate.secrets.template;

import java.io.ByteArrayOutputStream;

/** The escapes of a Go double-quoted string literal ({@code strconv.Unquote}). */
final class GoStringLiteral {

    private GoStringLiteral() {
    }

    /** The bytes the literal body stands for; IllegalArgumentException names a bad escape. */
    static GoString unescape(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        int i = 0;
        while (i < body.length()) {
            int c = body.codePointAt(i);
            i += Character.charCount(c);
            if (c != '\\') {
                Utf8.append(out, c);
                continue;
            }
            if (i >= body.length()) {
                throw new IllegalArgumentException("invalid syntax");
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'a':
                    out.write(0x07);
                    break;
                case 'b':
                    out.write('\b');
                    break;
                case 'f':
                    out.write('\f');
                    break;
                case 'n':
                    out.write('\n');
                    break;
                case 'r':
                    out.write('\r');
                    break;
                case 't':
                    out.write('\t');
                    break;
                case 'v':
                    out.write(0x0B);
                    break;
                case '\\':
                case '"':
                    out.write(e);
                    break;
                case 'x':
                    out.write(hex(body, i, 2));
                    i += 2;
                    break;
                case 'u':
                case 'U': {
                    int n = e == 'u' ? 4 : 8;
                    int r = hex(body, i, n);
                    i += n;
                    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
                        throw new IllegalArgumentException("invalid Unicode code point in escape");
                    }
                    Utf8.append(out, r);
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        if (i + 2 > body.length()) {
                            throw new IllegalArgumentException("invalid syntax");
                        }
                        int v = e - '0';
                        for (int k = 0; k < 2; k++) {
                            char d = body.charAt(i++);
                            if (d < '0' || d > '7') {
                                throw new IllegalArgumentException("invalid syntax");
                            }
                            v = v * 8 + (d - '0');
                        }
                        if (v > 255) {
                            throw new IllegalArgumentException("octal escape value above 255");
                        }
                        out.write(v);
                        break;
                    }
                    throw new IllegalArgumentException("unknown escape sequence");
            }
        }
        return GoString.wrap(out.toByteArray());
    }

    private static int hex(String body, int from, int count) {
        if (from + count > body.length()) {
            throw new IllegalArgumentException("invalid syntax");
        }
        long v = 0;
        for (int k = 0; k < count; k++) {
            int d = Character.digit(body.charAt(from + k), 16);
            if (d < 0 || body.charAt(from + k) > 'f') {
                throw new IllegalArgumentException("invalid syntax");
            }
            v = v * 16 + d;
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}

package io.secretgate.secrets.template;

/** Helpers for showing pieces of template text (never values) in messages. */
final class TemplateText {

    private final String text;

    TemplateText(String text) {
        this.text = text;
    }

    /** 1-based line of a char index. */
    int line(int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column, in code points, of a char index. */
    int column(int pos) {
        int end = Math.min(pos, text.length());
        int lineStart = text.lastIndexOf('\n', end - 1) + 1;
        return text.codePointCount(lineStart, end) + 1;
    }

    TemplateException error(int pos, String message) {
        return new TemplateException(line(pos), column(pos), message);
    }

    /** A Go-style double-quoted rendering of template text, kept on one line. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\x%02x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
            }
        });
        return b.append('"').toString();
    }

    /** Go's {@code %#U}: U+0023 '#'. */
    static String describeRune(int r) {
        String hex = String.format("U+%04X", r);
        if (GoUnicode.isPrint(r)) {
            return hex + " '" + new String(Character.toChars(r)) + "'";
        }
        return hex;
    }
}

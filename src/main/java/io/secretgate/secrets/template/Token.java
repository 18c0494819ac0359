package io.secretgate.secrets.template;

/** One lexical item of a template; pos is the char index in the template text. */
record Token(Type type, int pos, String text) {

    enum Type {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER,
        LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE,
        STRING, TEXT, VARIABLE,
        // keywords
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** Go's {@code item.String()}, used in "unexpected ..." messages. */
    String describe() {
        if (type == Type.EOF) {
            return "EOF";
        }
        if (type == Type.ERROR) {
            return text;
        }
        if (type.isKeyword()) {
            return "<" + text + ">";
        }
        int count = text.codePointCount(0, text.length());
        if (count > 10) {
            return TemplateText.quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "...";
        }
        return TemplateText.quote(text);
    }
}

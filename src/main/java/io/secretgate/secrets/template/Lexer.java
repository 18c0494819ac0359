package io.secretgate.secrets.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text into tokens with the rules of Go's text/template lexer: {{ }} delimiters,
 * trim markers "{{- " and " -}}", comments, and the tokens inside actions.
 */
final class Lexer {

    private static final int EOF = -1;
    private static final String LEFT_DELIM = "{{";
    private static final String RIGHT_DELIM = "}}";
    private static final String LEFT_COMMENT = "/*";
    private static final String RIGHT_COMMENT = "*/";
    private static final int TRIM_MARKER_LENGTH = 2;

    private final String in;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int lastWidth;
    private boolean insideAction;
    private int parenDepth;

    private Lexer(String in) {
        this.in = in;
    }

    /** All tokens, ending with an EOF token or an ERROR token. */
    static List<Token> lex(String text) {
        Lexer lexer = new Lexer(text);
        while (true) {
            Token token = lexer.nextToken();
            lexer.tokens.add(token);
            if (token.type() == Token.Type.EOF || token.type() == Token.Type.ERROR) {
                return lexer.tokens;
            }
        }
    }

    private Token nextToken() {
        while (true) {
            Token token = insideAction ? lexInsideAction() : lexText();
            if (token != null) {
                return token;
            }
        }
    }

    // ------------------------------------------------------------ primitives

    private int next() {
        if (pos >= in.length()) {
            lastWidth = 0;
            return EOF;
        }
        int r = in.codePointAt(pos);
        lastWidth = Character.charCount(r);
        pos += lastWidth;
        return r;
    }

    private void backup() {
        pos -= lastWidth;
        lastWidth = 0;
    }

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    private boolean accept(String valid) {
        int r = next();
        if (r != EOF && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private Token emit(Token.Type type) {
        Token token = new Token(type, start, in.substring(start, pos));
        start = pos;
        return token;
    }

    private Token error(String message) {
        return new Token(Token.Type.ERROR, start, message);
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || (r >= 0 && (GoUnicode.isLetter(r) || GoUnicode.isDigit(r)));
    }

    private boolean hasLeftTrimMarker(int i) {
        return i + 1 < in.length() && in.charAt(i) == '-' && isSpace(in.charAt(i + 1));
    }

    private boolean hasRightTrimMarker(int i) {
        return i >= 0 && i + 1 < in.length() && isSpace(in.charAt(i)) && in.charAt(i + 1) == '-';
    }

    private boolean atRightDelim() {
        return atTrimmedRightDelim() || in.startsWith(RIGHT_DELIM, pos);
    }

    private boolean atTrimmedRightDelim() {
        return hasRightTrimMarker(pos) && in.startsWith(RIGHT_DELIM, pos + TRIM_MARKER_LENGTH);
    }

    private int rightTrimLength(int from, int to) {
        int i = to;
        while (i > from && isSpace(in.charAt(i - 1))) {
            i--;
        }
        return to - i;
    }

    private int leftTrimLength(int from) {
        int i = from;
        while (i < in.length() && isSpace(in.charAt(i))) {
            i++;
        }
        return i - from;
    }

    // ------------------------------------------------------------ states

    private Token lexText() {
        int x = in.indexOf(LEFT_DELIM, pos);
        if (x >= 0) {
            if (x > pos) {
                pos = x;
                int trim = hasLeftTrimMarker(pos + LEFT_DELIM.length()) ? rightTrimLength(start, pos) : 0;
                Token text = new Token(Token.Type.TEXT, start, in.substring(start, pos - trim));
                start = pos;
                if (!text.text().isEmpty()) {
                    return text;
                }
            }
            return lexLeftDelim();
        }
        pos = in.length();
        if (pos > start) {
            return emit(Token.Type.TEXT);
        }
        return emit(Token.Type.EOF);
    }

    private Token lexLeftDelim() {
        pos += LEFT_DELIM.length();
        int afterMarker = hasLeftTrimMarker(pos) ? TRIM_MARKER_LENGTH : 0;
        if (in.startsWith(LEFT_COMMENT, pos + afterMarker)) {
            pos += afterMarker;
            start = pos;
            return lexComment();
        }
        Token delim = emit(Token.Type.LEFT_DELIM);
        insideAction = true;
        pos += afterMarker;
        start = pos;
        parenDepth = 0;
        return delim;
    }

    private Token lexComment() {
        pos += LEFT_COMMENT.length();
        int x = in.indexOf(RIGHT_COMMENT, pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        pos = x + RIGHT_COMMENT.length();
        if (!atRightDelim()) {
            return error("comment ends before closing delimiter");
        }
        boolean trim = atTrimmedRightDelim();
        if (trim) {
            pos += TRIM_MARKER_LENGTH;
        }
        pos += RIGHT_DELIM.length();
        if (trim) {
            pos += leftTrimLength(pos);
        }
        start = pos;
        return null;
    }

    private Token lexRightDelim() {
        boolean trim = atTrimmedRightDelim();
        if (trim) {
            pos += TRIM_MARKER_LENGTH;
            start = pos;
        }
        pos += RIGHT_DELIM.length();
        Token delim = emit(Token.Type.RIGHT_DELIM);
        if (trim) {
            pos += leftTrimLength(pos);
            start = pos;
        }
        insideAction = false;
        return delim;
    }

    private Token lexInsideAction() {
        if (atRightDelim()) {
            if (parenDepth == 0) {
                return lexRightDelim();
            }
            return error("unclosed left paren");
        }
        int r = next();
        if (r == EOF) {
            return error("unclosed action");
        }
        if (isSpace(r)) {
            backup();
            return lexSpace();
        }
        switch (r) {
            case '=':
                return emit(Token.Type.ASSIGN);
            case ':':
                if (next() != '=') {
                    return error("expected :=");
                }
                return emit(Token.Type.DECLARE);
            case '|':
                return emit(Token.Type.PIPE);
            case '"':
                return lexQuote();
            case '`':
                return lexRawQuote();
            case '$':
                return lexVariable();
            case '\'':
                return lexChar();
            case '(':
                parenDepth++;
                return emit(Token.Type.LEFT_PAREN);
            case ')':
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right paren");
                }
                return emit(Token.Type.RIGHT_PAREN);
            default:
                break;
        }
        if (r == '.' && pos < in.length() && (in.charAt(pos) < '0' || in.charAt(pos) > '9')) {
            return lexFieldOrVariable(Token.Type.FIELD);
        }
        if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            backup();
            return lexNumber();
        }
        if (isAlphaNumeric(r)) {
            backup();
            return lexIdentifier();
        }
        if (r <= 0x7F && r >= 0x20 && r != 0x7F) {
            return emit(Token.Type.CHAR);
        }
        return error("unrecognized character in action: " + TemplateText.describeRune(r));
    }

    private Token lexSpace() {
        int spaces = 0;
        while (isSpace(peek())) {
            next();
            spaces++;
        }
        if (hasRightTrimMarker(pos - 1) && in.startsWith(RIGHT_DELIM, pos - 1 + TRIM_MARKER_LENGTH)) {
            pos--;
            if (spaces == 1) {
                return lexRightDelim();
            }
        }
        return emit(Token.Type.SPACE);
    }

    private Token lexIdentifier() {
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        String word = in.substring(start, pos);
        if (!atTerminator()) {
            return error("bad character " + TemplateText.describeRune(r));
        }
        Token.Type keyword = keyword(word);
        if (keyword != null) {
            return emit(keyword);
        }
        if (word.equals("true") || word.equals("false")) {
            return emit(Token.Type.BOOL);
        }
        return emit(Token.Type.IDENTIFIER);
    }

    private static Token.Type keyword(String word) {
        switch (word) {
            case "block":
                return Token.Type.BLOCK;
            case "break":
                return Token.Type.BREAK;
            case "continue":
                return Token.Type.CONTINUE;
            case "define":
                return Token.Type.DEFINE;
            case "else":
                return Token.Type.ELSE;
            case "end":
                return Token.Type.END;
            case "if":
                return Token.Type.IF;
            case "range":
                return Token.Type.RANGE;
            case "nil":
                return Token.Type.NIL;
            case "template":
                return Token.Type.TEMPLATE;
            case "with":
                return Token.Type.WITH;
            default:
                return null;
        }
    }

    private Token lexVariable() {
        if (atTerminator()) {
            return emit(Token.Type.VARIABLE);
        }
        return lexFieldOrVariable(Token.Type.VARIABLE);
    }

    private Token lexFieldOrVariable(Token.Type type) {
        if (atTerminator()) {
            return emit(type == Token.Type.VARIABLE ? Token.Type.VARIABLE : Token.Type.DOT);
        }
        int r;
        while (true) {
            r = next();
            if (!isAlphaNumeric(r)) {
                backup();
                break;
            }
        }
        if (!atTerminator()) {
            return error("bad character " + TemplateText.describeRune(r));
        }
        return emit(type);
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case EOF:
            case '.':
            case ',':
            case '|':
            case ':':
            case ')':
            case '(':
                return true;
            default:
                return in.startsWith(RIGHT_DELIM, pos);
        }
    }

    private Token lexChar() {
        return lexEscaped('\'', Token.Type.CHAR_CONSTANT, "unterminated character constant");
    }

    /** A quoted token with backslash escapes that ends at {@code close} on the same line. */
    private Token lexEscaped(char close, Token.Type type, String unterminated) {
        while (true) {
            int r = next();
            if (r == '\\') {
                int escaped = next();
                if (escaped != EOF && escaped != '\n') {
                    continue;
                }
                return error(unterminated);
            }
            if (r == EOF || r == '\n') {
                return error(unterminated);
            }
            if (r == close) {
                return emit(type);
            }
        }
    }

    private Token lexNumber() {
        if (!scanNumber()) {
            return error("bad number syntax: " + TemplateText.quote(in.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || in.charAt(pos - 1) != 'i') {
                return error("bad number syntax: " + TemplateText.quote(in.substring(start, pos)));
            }
            return emit(Token.Type.COMPLEX);
        }
        return emit(Token.Type.NUMBER);
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private Token lexQuote() {
        return lexEscaped('"', Token.Type.STRING, "unterminated quoted string");
    }

    private Token lexRawQuote() {
        while (true) {
            int r = next();
            if (r == EOF) {
                return error("unterminated raw quoted string");
            }
            if (r == '`') {
                return emit(Token.Type.RAW_STRING);
            }
        }
    }
}

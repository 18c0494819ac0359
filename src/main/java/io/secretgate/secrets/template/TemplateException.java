package io.secretgate.secrets.template;

/**
 * A template could not be parsed or executed, or uses a construct outside the supported subset.
 *
 * <p>The message is one user-facing line. It names template positions (1-based line and column),
 * construct names and Go type names only; it never contains a secret value.
 */
public class TemplateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    TemplateException(String message) {
        this(0, 0, message);
    }

    TemplateException(int line, int column, String message) {
        super(oneLine(line > 0 ? "line " + line + ", column " + column + ": " + message : message));
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the template text the error points at, or 0 when it has no position. */
    public int line() {
        return line;
    }

    /** The 1-based column (in Unicode code points) the error points at, or 0 when it has no position. */
    public int column() {
        return column;
    }

    private static String oneLine(String message) {
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }
}

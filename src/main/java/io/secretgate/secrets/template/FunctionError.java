package io.secretgate.secrets.template;

/** A template function failed; the evaluator adds the position. The message never holds a value. */
final class FunctionError extends Exception {

    private static final long serialVersionUID = 1L;

    FunctionError(String message) {
        super(message, null, false, false);
    }
}

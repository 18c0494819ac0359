package io.secretgate.secrets.template;

import io.secretgate.secrets.template.Node.ListNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A template in ESO's template engine v2 syntax (Go text/template with Sprig functions), limited to
 * the subset documented in {@code docs/templates.md}. Anything outside the subset fails at
 * {@link #parse} with a {@link TemplateException} naming the construct; a parsed template renders
 * exactly what ESO would render, or fails.
 *
 * <p>Instances are immutable and may be executed concurrently.
 */
public final class GoTemplate {

    private final String text;
    private final ListNode tree;
    private final MissingKeyPolicy missingKeys;

    private GoTemplate(String text, ListNode tree, MissingKeyPolicy missingKeys) {
        this.text = text;
        this.tree = tree;
        this.missingKeys = missingKeys;
    }

    /** Parses a {@code target.template.data} value: a missing key is an error, as in ESO. */
    public static GoTemplate parse(String text) throws TemplateException {
        return parse(text, MissingKeyPolicy.ERROR);
    }

    /**
     * Parses a template with the given missing-key behaviour ({@link MissingKeyPolicy#NO_VALUE} for
     * {@code dataFrom[].rewrite[].transform.template}).
     */
    public static GoTemplate parse(String text, MissingKeyPolicy missingKeys) throws TemplateException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(missingKeys, "missingKeys");
        return new GoTemplate(text, Parser.parse(text), missingKeys);
    }

    /**
     * Renders the template with {@code .} bound to the given Secret data (key to value bytes), and
     * returns the output as text. Fails when the output is not valid UTF-8; use
     * {@link #executeBytes} for binary output.
     */
    public String execute(Map<String, byte[]> values) throws TemplateException {
        byte[] bytes = executeBytes(values);
        if (!Utf8.isValid(bytes)) {
            throw new TemplateException("the template output is not valid UTF-8 (binary data); "
                    + "it can only be rendered as bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Renders the template to the exact bytes ESO would write into the Secret. */
    public byte[] executeBytes(Map<String, byte[]> values) throws TemplateException {
        Objects.requireNonNull(values, "values");
        return Evaluator.run(text, tree, missingKeys, GoMap.ofSecretData(values));
    }

    /** The template text this was parsed from. */
    public String text() {
        return text;
    }

    /** The names of the supported functions, sorted, comma separated. */
    public static String supportedFunctions() {
        return Functions.supportedNames();
    }
}

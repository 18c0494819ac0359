package io.secretgate.secrets;

import java.util.Map;

/**
 * Renders one Go-template string ({@code target.template.data} values, template labels and
 * annotations, {@code rewrite.transform}) against the provider data, as ESO's v2 engine does with
 * {@code missingkey=error}. The Go-template implementation lives in
 * {@code io.secretgate.secrets.template}; this port keeps the builder independent of it.
 */
@FunctionalInterface
public interface TemplateEngine {

  /**
   * @param template the template text
   * @param values the provider data; templates see each value as a string
   * @throws TemplateRenderException when the template cannot be parsed or executed; its message
   *     must not contain values
   */
  String render(String template, Map<String, byte[]> values) throws TemplateRenderException;

  /** Renders a Secret data value: the exact bytes (binary output such as {@code b64dec} survives). */
  default byte[] renderBytes(String template, Map<String, byte[]> values) throws TemplateRenderException {
    return render(template, values).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Renders a {@code rewrite.transform} template: ESO runs it without missingkey=error. */
  default String renderRewrite(String template, Map<String, byte[]> values) throws TemplateRenderException {
    return render(template, values);
  }

  /**
   * An engine for text without template actions: text without {@code {{} renders as itself (as in
   * Go), anything else is refused as unsupported. Used until the Go-template engine is wired in.
   */
  static TemplateEngine literalOnly() {
    return (template, values) -> {
      if (template.contains("{{")) {
        throw new TemplateRenderException("template actions ({{ ... }}) are not available in this build", true);
      }
      return template;
    };
  }
}

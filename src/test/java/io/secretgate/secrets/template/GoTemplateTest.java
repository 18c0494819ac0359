package io.secretgate.secrets.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GoTemplateTest {

    private static Map<String, byte[]> data(String... keyValues) {
        Map<String, byte[]> data = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return data;
    }

    @Test
    void execute_returns_the_rendered_text() throws TemplateException {
        assertThat(GoTemplate.parse("user={{ .user }}").execute(data("user", "admin"))).isEqualTo("user=admin");
    }

    @Test
    void parse_without_a_policy_fails_on_a_missing_key_like_eso_target_templates() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ .nope }}");

        assertThatThrownBy(() -> template.execute(data()))
                .isInstanceOf(TemplateException.class)
                .hasMessage("line 1, column 4: map has no entry for key \"nope\"");
    }

    @Test
    void the_no_value_policy_renders_a_missing_key_like_eso_rewrite_templates() throws TemplateException {
        assertThat(GoTemplate.parse("{{ .nope }}", MissingKeyPolicy.NO_VALUE).execute(data())).isEqualTo("<no value>");
    }

    @Test
    void execute_bytes_keeps_output_that_is_not_utf8() throws TemplateException {
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe};
        Map<String, byte[]> values = Map.of("bin", binary);

        assertThat(GoTemplate.parse("{{ .bin }}").executeBytes(values)).containsExactly(0xff, 0, 0xfe);
    }

    @Test
    void execute_refuses_output_that_is_not_utf8_instead_of_mangling_it() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ .bin }}");
        Map<String, byte[]> values = Map.of("bin", new byte[] {(byte) 0xff});

        assertThatThrownBy(() -> template.execute(values))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void a_parsed_template_renders_different_data_each_time() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ .a | upper }}");

        assertThat(template.execute(data("a", "one"))).isEqualTo("ONE");
        assertThat(template.execute(data("a", "two"))).isEqualTo("TWO");
    }

    @Test
    void changing_the_input_array_after_execution_started_has_no_effect_on_later_runs() throws TemplateException {
        byte[] value = "abc".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> values = Map.of("a", value);
        GoTemplate template = GoTemplate.parse("{{ .a }}");
        String first = template.execute(values);
        value[0] = 'X';

        assertThat(first).isEqualTo("abc");
        assertThat(template.execute(values)).isEqualTo("Xbc");
    }

    @Test
    void a_parse_error_reports_its_line_and_column() {
        assertThatThrownBy(() -> GoTemplate.parse("a\nbé {{ .x | @ }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(12);
                    assertThat(e.getMessage()).startsWith("line 2, column 12: ");
                });
    }

    @Test
    void an_unsupported_function_fails_at_parse_time_listing_the_supported_ones() {
        assertThatThrownBy(() -> GoTemplate.parse("{{ .a | sha256sum }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("line 1, column 9: template function \"sha256sum\" is not supported by secretgate "
                        + "(supported: " + GoTemplate.supportedFunctions() + ")");
    }

    @Test
    void the_supported_functions_are_exactly_the_documented_subset() {
        assertThat(GoTemplate.supportedFunctions()).isEqualTo("and, b64dec, b64enc, default, eq, fromJson, get, "
                + "indent, index, join, len, lower, ne, nindent, nospace, not, or, print, printf, quote, replace, "
                + "squote, title, toJson, toString, trim, trimPrefix, trimSuffix, upper");
    }

    @Test
    void a_character_this_runtime_does_not_know_fails_rather_than_risk_a_different_result() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ upper .a }}");
        Map<String, byte[]> values = data("a", "x\u0378");

        assertThatThrownBy(() -> template.execute(values))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("unassigned in the Unicode version of this Java runtime");
    }

    @Test
    void output_beyond_the_kubernetes_secret_size_limit_fails() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ range 2 }}{{ $.big }}{{ end }}");
        Map<String, byte[]> values = Map.of("big", new byte[Evaluator.MAX_OUTPUT_BYTES / 2 + 1]);

        assertThatThrownBy(() -> template.executeBytes(values))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("exceeds 1 MiB");
    }

    @Test
    void output_at_the_kubernetes_secret_size_limit_renders() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ range 2 }}{{ $.big }}{{ end }}");
        Map<String, byte[]> values = Map.of("big", new byte[Evaluator.MAX_OUTPUT_BYTES / 2]);

        assertThat(template.executeBytes(values)).hasSize(Evaluator.MAX_OUTPUT_BYTES);
    }

    @Test
    void ranging_beyond_the_iteration_limit_fails() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{ range 1000 }}{{ range 1001 }}{{ end }}{{ end }}");

        assertThatThrownBy(() -> template.executeBytes(Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("limit of 1000000 range iterations");
    }

    @Test
    void nesting_deeper_than_the_limit_is_a_parse_error() {
        String deep = "{{ " + "(".repeat(Parser.MAX_DEPTH + 1) + "1" + ")".repeat(Parser.MAX_DEPTH + 1) + " }}";

        assertThatThrownBy(() -> GoTemplate.parse(deep))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("nesting deeper than " + Parser.MAX_DEPTH + " levels");
    }

    @Test
    void nesting_up_to_the_limit_renders() throws TemplateException {
        String deep = "{{ " + "(".repeat(Parser.MAX_DEPTH) + "1" + ")".repeat(Parser.MAX_DEPTH) + " }}";

        assertThat(GoTemplate.parse(deep).execute(Map.of())).isEqualTo("1");
    }

    @Test
    void from_json_of_a_value_nested_deeper_than_the_limit_fails_instead_of_overflowing_the_stack()
            throws TemplateException {
        int depth = 5000; // Go decodes up to 10,000 levels; a sync worker's stack overflows before that
        GoTemplate t = GoTemplate.parse("{{ .doc | fromJson | toJson }}");

        assertThatThrownBy(() -> t.execute(data("doc", "[".repeat(depth) + "]".repeat(depth))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("fromJson: the JSON value is nested deeper than " + GoJson.MAX_DEPTH
                        + " levels, which secretgate does not support");
    }

    @Test
    void from_json_of_a_value_nested_up_to_the_limit_renders() throws TemplateException {
        String doc = "{\"a\":".repeat(GoJson.MAX_DEPTH - 1) + "[1]" + "}".repeat(GoJson.MAX_DEPTH - 1);

        assertThat(GoTemplate.parse("{{ .doc | fromJson | toJson }}").execute(data("doc", doc))).isEqualTo(doc);
    }

    @Test
    void the_template_text_is_kept() throws TemplateException {
        assertThat(GoTemplate.parse("a{{ .b }}").text()).isEqualTo("a{{ .b }}");
    }
}

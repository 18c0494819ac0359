package io.secretgate.secrets.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every case of {@code cases.json}. Expected outputs come from Go's text/template with Sprig
 * (see {@code src/test/template-oracle}); cases with a {@code deviation} note document where
 * secretgate deliberately fails instead of writing what ESO would.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GoTemplateCasesTest {

    /** One fixture case; exactly one of expect, expectBase64 and error is set. */
    record Case(String name, String template, Map<String, String> values, Map<String, String> valuesBase64,
            String missingKey, String expect, String expectBase64, String error, String deviation) {

        Map<String, byte[]> data() {
            Map<String, byte[]> data = new LinkedHashMap<>();
            if (values != null) {
                values.forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
            }
            if (valuesBase64 != null) {
                valuesBase64.forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
            }
            return data;
        }

        MissingKeyPolicy policy() {
            return missingKey == null ? MissingKeyPolicy.ERROR : MissingKeyPolicy.valueOf(missingKey);
        }

        byte[] expectedBytes() {
            return expect != null ? expect.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(expectBase64);
        }
    }

    static List<Case> load() throws IOException {
        JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (InputStream in = GoTemplateCasesTest.class.getResourceAsStream("cases.json")) {
            return List.of(mapper.readValue(in, Case[].class));
        }
    }

    static Stream<Named<Case>> cases() throws IOException {
        return load().stream().map(c -> Named.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void each_case_renders_what_go_renders_or_fails_with_its_message(Case c) {
        if (c.error() != null) {
            assertThatThrownBy(() -> GoTemplate.parse(c.template(), c.policy()).executeBytes(c.data()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining(c.error())
                    .hasMessageNotContaining("\n");
        } else {
            assertThat(render(c)).isEqualTo(c.expectedBytes());
        }
    }

    private static byte[] render(Case c) {
        try {
            return GoTemplate.parse(c.template(), c.policy()).executeBytes(c.data());
        } catch (TemplateException e) {
            throw new AssertionError("unexpected failure: " + e.getMessage(), e);
        }
    }
}

package io.secretgate.secrets.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule of the house: secret values never appear in exception messages. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SecretValuesNeverInMessagesTest {

    /** Shaped to trip every function that could echo it: not base64, not JSON, a printf verb, unknown runes. */
    private static final String SECRET = "Sup3r%xS3cret!{\u0378";

    private static Map<String, byte[]> secretData() {
        Map<String, byte[]> data = new HashMap<>();
        data.put("secret", SECRET.getBytes(StandardCharsets.UTF_8));
        data.put("json", ("{\"k\":\"" + SECRET.substring(0, 12) + "\",").getBytes(StandardCharsets.UTF_8));
        return data;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{{ .secret | b64dec }}",
        "{{ .secret | fromJson }}",
        "{{ .json | fromJson }}",
        "{{ printf .secret }}",
        "{{ printf \"%d\" .secret }}",
        "{{ indent .secret .secret }}",
        "{{ eq .secret 1 }}",
        "{{ range .secret }}{{ end }}",
        "{{ .secret.field }}",
        "{{ index .secret 0 }}",
        "{{ index . 1 }}",
        "{{ get . .secret }}",
        "{{ upper .secret }}",
        "{{ quote .secret }}",
        "{{ title .secret }}",
        "{{ len (index . .secret | len) }}",
        "{{ .secret | .secret }}",
        "{{ .missing }}",
    })
    void a_failing_execution_never_shows_the_secret_value(String template) throws TemplateException {
        GoTemplate parsed = GoTemplate.parse(template);

        TemplateException e = catchThrowableOfType(TemplateException.class, () -> parsed.executeBytes(secretData()));

        assertThat(e).as("the template must fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 6))
                .doesNotContain("S3cret");
    }

    static Stream<Named<GoTemplateCasesTest.Case>> errorCasesWithValues() throws IOException {
        return GoTemplateCasesTest.load().stream()
                .filter(c -> c.error() != null && !c.data().isEmpty())
                .map(c -> Named.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorCasesWithValues")
    void no_fixture_error_shows_a_value_of_its_data(GoTemplateCasesTest.Case c) {
        TemplateException e = catchThrowableOfType(TemplateException.class,
                () -> GoTemplate.parse(c.template(), c.policy()).executeBytes(c.data()));

        assertThat(e).isNotNull();
        List<String> longValues = c.data().values().stream()
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .filter(v -> v.length() >= 3)
                .toList();
        for (String value : longValues) {
            assertThat(e.getMessage()).doesNotContain(value);
        }
    }
}

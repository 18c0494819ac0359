package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** helm lint --strict over every mode, and values.schema.json refusing bad values. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartLintTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir
  Path work;

  @ParameterizedTest(name = "mode {0}")
  @ValueSource(strings = {"default", "beside-eso", "ha", "controller-only", "secret-namespaces"})
  void the_chart_lints_strictly_clean_in_every_mode(String mode) {
    LintResult result = ChartFiles.lint(mode, work);

    assertThat(result.isFailed()).as("lint of mode " + mode + ": " + result.getMessages()).isFalse();
    assertThat(result.getMessages()).as("only the icon hint may remain").allMatch(m -> m.startsWith("[INFO]"));
  }

  @Test
  void a_value_of_the_wrong_type_fails_lint_and_template_naming_the_value() {
    LintResult lint = ChartFiles.lint("wrong-type", work);

    assertThat(lint.isFailed()).isTrue();
    assertThat(String.join("\n", lint.getMessages())).contains("replicaCount");
    assertThatThrownBy(() -> ChartFiles.template("wrong-type", Map.of()))
        .hasMessageContaining("replicaCount")
        .hasMessageContaining("integer");
  }

  @Test
  void a_misspelt_key_is_refused_rather_than_ignored() {
    assertThatThrownBy(() -> ChartFiles.template("unknown-key", Map.of()))
        .hasMessageContaining("enable");
  }

  /**
   * Helm hands a dependency the parent's {@code global} values (always, if only {@code global: {}}) and, with the
   * usual {@code condition: secretgate.enabled}, its {@code enabled} switch: the schema must take both, or the
   * umbrella chart fails with "Additional property global is not allowed" (helm/helm#10392).
   */
  @Test
  void the_chart_renders_as_the_dependency_of_an_umbrella_chart_with_global_values() {
    Path umbrella = ChartFiles.umbrella(work, """
        global:
          imageRegistry: registry.example.com
        secretgate:
          enabled: true
        """);

    Rendered r = new Rendered(ChartFiles.parse(new Helm(umbrella).template().withName("platform").withNamespace("secretgate").call()));

    assertThat(r.deployment().getMetadata().getName()).isEqualTo("platform-secretgate");
  }

  /**
   * A namespace may be named 2024: written plain, YAML reads a number there, and the API server refuses the
   * object ("cannot unmarshal number into Go struct field ObjectMeta.metadata.namespace of type string").
   */
  @ParameterizedTest(name = "mode {0}")
  @ValueSource(strings = {"default", "ha", "secret-namespaces"})
  void a_release_namespace_named_by_digits_is_a_string_wherever_the_chart_writes_it(String mode) {
    String manifest = ChartFiles.template(ChartFiles.RELEASE, "2024", mode, Map.of());

    List<JsonNode> namespaces = new ArrayList<>();
    for (String doc : manifest.split("(?m)^---\\s*$")) {
      JsonNode object = YAML.readTree(doc);
      if (object != null && !object.path("kind").asString("").equals("CustomResourceDefinition")) namespaces.addAll(object.findValues("namespace"));
    }

    assertThat(namespaces).isNotEmpty().allSatisfy(n -> assertThat(n.isString()).as("namespace: " + n).isTrue());
  }

  @Test
  void a_value_outside_its_enum_is_refused() {
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("webhook.validating.enforcement", "audit")))
        .hasMessageContaining("enforcement");
  }

  /** Values serve would refuse at start (a Pod in CrashLoopBackOff after a helm install that succeeded) are refused by helm. */
  @Test
  void values_serve_refuses_are_refused_at_install_naming_the_value() {
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("controller.storeRefreshInterval", "0s")))
        .hasMessageContaining("storeRefreshInterval");
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("controller.rateLimitBurst", 2_000_000)))
        .hasMessageContaining("rateLimitBurst");
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("metrics.port", 8443)))
        .hasMessageContaining("metrics.port and webhook.port are both 8443");
    assertThat(ChartFiles.template("controller-only", Map.of("metrics.port", 8443))).contains("SECRETGATE_METRICS_PORT");
  }

  @Test
  void a_setting_the_chart_owns_cannot_be_smuggled_in_through_extraEnv() {
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("extraEnv[0].name", "SECRETGATE_CONTROLLER", "extraEnv[0].value", "false")))
        .hasMessageContaining("extraEnv");
  }

  @Test
  void narrowed_secret_access_without_the_namespaces_to_sync_is_refused_with_the_reason() {
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("rbac.secretNamespaces[0]", "payments")))
        .hasMessageContaining("controller.namespaces must list the namespaces to sync");
    assertThatThrownBy(() -> ChartFiles.template("secret-namespaces", Map.of("controller.namespaces[2]", "billing")))
        .hasMessageContaining("\"billing\", which rbac.secretNamespaces lacks");
  }

  @Test
  void the_charts_appVersion_is_the_poms_version() throws IOException {
    String pom = Files.readString(ChartFiles.basedir().resolve("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>secretgate</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(version.find()).as("project version in pom.xml").isTrue();

    String chart = Files.readString(ChartFiles.chart().resolve("Chart.yaml"));

    assertThat(chart).containsPattern("(?m)^appVersion: \"" + Pattern.quote(version.group(1)) + "\"$");
  }
}

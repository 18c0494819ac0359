package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code secretgate render} end to end through {@link SecretgateCommand#execute}, against golden
 * files in {@code src/test/resources/io/secretgate/cli/render/golden/}. File paths in stderr are
 * written relative to the fixture folder. Run with {@code -Dsecretgate.updateGolden=true} to
 * (re)write missing golden files; review them before committing.
 */
class RenderCommandTest {
  private static final Path DIR = Path.of(System.getProperty("secretgate.basedir", "."))
      .resolve("src/test/resources/io/secretgate/cli/render");

  record Run(int code, String out, String err) {}

  private static Run render(String... args) {
    List<String> full = new ArrayList<>(List.of("render"));
    for (String a : args) full.add(a.endsWith(".yaml") || a.endsWith(".json") ? DIR.resolve(a).toString() : a);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SecretgateCommand.execute(full.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString().replace(DIR + "/", ""));
  }

  private static String golden(String name, String actual) throws IOException {
    Path file = DIR.resolve("golden").resolve(name);
    if (!Files.exists(file) && Boolean.getBoolean("secretgate.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void renders_the_secret_as_json_by_default_with_the_store_from_the_same_file() throws IOException {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(golden("basic.json", r.out()));
  }

  @Test
  void a_dash_as_file_reads_the_external_secret_and_its_store_from_standard_input() throws IOException {
    InputStream stdin = System.in;
    System.setIn(Files.newInputStream(DIR.resolve("es-with-store.yaml")));
    try {
      Run r = render("--file", "-", "--vault-data", "data.json");
      assertThat(r.code()).isEqualTo(0);
      assertThat(r.err()).isEmpty();
      assertThat(r.out()).isEqualTo(golden("basic.json", r.out()));
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void a_dash_as_both_file_and_store_reads_standard_input_once_for_both() throws IOException {
    InputStream stdin = System.in;
    System.setIn(Files.newInputStream(DIR.resolve("es-with-store.yaml")));
    try {
      Run r = render("--file", "-", "--store", "-", "--vault-data", "data.json");
      assertThat(r.err()).isEmpty();
      assertThat(r.code()).isEqualTo(0);
      assertThat(r.out()).isEqualTo(golden("basic.json", r.out()));
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void the_json_output_holds_base64_of_the_rendered_values() {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "data.json");
    assertThat(r.out())
        .contains("\"password\": \"" + b64("s3cr3t") + "\"")
        .contains("\"port\": \"" + b64("5432") + "\"")
        .contains("\"ratio\": \"" + b64("1.5") + "\"")
        .contains("\"api_key\": \"" + b64("k-123") + "\"");
  }

  @Test
  void renders_yaml_on_request() throws IOException {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "data.json", "--format", "yaml");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).isEqualTo(golden("basic.yaml", r.out()));
  }

  @Test
  void redact_prints_keys_and_hides_values_and_the_data_hash() throws IOException {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "data.json", "--redact");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).isEqualTo(golden("redacted.json", r.out()))
        .contains("\"password\": \"<redacted>\"")
        .doesNotContain(b64("s3cr3t"))
        .doesNotContain("32624ec2");
  }

  @Test
  void renders_a_v1beta1_external_secret_with_a_template_and_a_store_from_store_file() throws IOException {
    Run r = render("--file", "es-v1beta1-cluster-store.yaml", "--store", "store.yaml", "--vault-data", "data.json",
        "--format", "yaml");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(golden("v1beta1-template.yaml", r.out()));
  }

  @Test
  void a_missing_secret_exits_1_with_the_status_message_and_the_event_text() throws IOException {
    Run r = render("--file", "es-missing-secret.yaml", "--store", "store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(
        "secretgate: sync would fail: SecretSyncedError: could not get secret data from provider\n"
            + "secretgate: event Warning UpdateFailed: error processing spec.data[0] (key: prod/old), err: Secret does not exist\n");
  }

  @Test
  void a_store_with_an_auth_method_not_supported_yet_exits_1_as_the_controllers_sync_fails() {
    Run r = render("--file", "es-kubernetes-auth-store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(
        "secretgate: sync would fail: SecretSyncedError: could not get secret data from provider\n"
            + "secretgate: event Warning UpdateFailed: SecretStore \"payments/vault\": only auth.tokenSecretRef is supported by secretgate yet\n");
  }

  @Test
  void a_vault_key_the_kubernetes_api_server_would_refuse_exits_1_naming_the_key_and_never_its_value() {
    Run r = render("--file", "es-unicode-vault-key.yaml", "--store", "store.yaml", "--vault-data", "data-unicode-key.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(
        "secretgate: sync would fail: SecretSyncedError: could not update secret\n"
            + "secretgate: event Warning UpdateFailed: Secret payments/legacy-credentials: the Kubernetes API server would refuse data key \"pässword\": "
            + "a Secret key may hold only ASCII letters, digits, '-', '_' and '.'\n");
    assertThat(r.err()).doesNotContain("s3cr3t");
  }

  @Test
  void delete_policy_with_nothing_found_exits_0_and_says_the_secret_would_be_deleted() {
    Run r = render("--file", "es-delete-policy.yaml", "--store", "store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(
        "secretgate: event Normal MissingProviderSecret: secret does not exist at provider using spec.data[0] (key=prod/old)\n"
            + "secretgate: the provider returned no data: the controller would delete Secret payments/db-credentials "
            + "(SecretDeleted: secret deleted due to DeletionPolicy=Delete)\n");
  }

  @Test
  void retain_policy_with_nothing_found_exits_0_and_says_the_secret_is_kept() {
    Run r = render("--file", "es-retain-empty.yaml", "--store", "store.yaml", "--vault-data", "data-find.json");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("secretgate: the provider returned no data: the controller would leave Secret "
        + "payments/db-credentials as it is (SecretSynced: secret retained due to DeletionPolicy=Retain)\n");
  }

  @Test
  void an_unquoted_on_is_read_as_kubectl_reads_it_so_the_rendered_secret_is_immutable() {
    Run r = render("--file", "es-immutable-on.yaml", "--vault-data", "data.json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("\"immutable\": true");
  }

  @Test
  void a_template_renders_the_provider_data_into_the_secret() {
    Run r = render("--file", "es-template-action.yaml", "--store", "store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("\"dsn\": \"" + java.util.Base64.getEncoder().encodeToString("postgres://app:s3cr3t@db".getBytes()) + "\"");
  }

  @Test
  void yaml_output_quotes_values_that_kubectl_would_read_as_numbers_or_split_at_a_line_break() {
    Run r = render("--file", "es-yaml-number-like-values.yaml", "--store", "store.yaml", "--vault-data", "data.json",
        "--format", "yaml");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out())
        .contains("build: \"0x1f\"\n", "count: \"1_000\"\n", "mode: \"0o17\"\n", "limit: \"-.INF\"\n",
            "ratio: \".NaN\"\n", "rotated: \"2026-01-31\"\n", "window: \"1:30\"\n")
        .contains("note: \"line\u2028break\"\n", "next: \"a\\Nb\"\n"); // a plain LS or NEL ends the line in YAML 1.1
    Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(r.out())).get("metadata");
    @SuppressWarnings("unchecked")
    Map<String, Object> annotations = (Map<String, Object>) metadata.get("annotations");
    assertThat(annotations)
        .containsEntry("note", "line\u2028break").containsEntry("next", "a\u0085b").containsEntry("limit", "-.INF");
  }

  @Test
  void a_template_function_outside_the_subset_exits_1_naming_it_without_values() {
    Run r = render("--file", "es-template-unsupported.yaml", "--store", "store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("secretgate: sync would fail: SecretSyncedError: could not update secret\n")
        .contains("unable to execute template at key digest: line 1, column 16: template function \"sha256sum\" is not supported by secretgate")
        .doesNotContain("s3cr3t");
  }

  @Test
  void a_store_that_is_nowhere_exits_2_naming_the_file_and_the_reference() {
    Run r = render("--file", "es-unknown-store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: es-unknown-store.yaml: no SecretStore \"nowhere\" in namespace payments "
        + "for spec.secretStoreRef; pass it with --store\n");
  }

  @Test
  void a_store_missing_from_the_store_file_exits_2_naming_that_file() {
    Run r = render("--file", "es-with-store.yaml", "--store", "store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: store.yaml: no SecretStore \"vault\" in namespace payments for spec.secretStoreRef; "
        + "pass it with --store\n");
  }

  @Test
  void vault_data_that_is_not_json_exits_2_with_file_line_and_column_but_not_the_text() {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "bad-data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: bad-data.json:2:48: not valid JSON: invalid character looking for beginning of value\n")
        .doesNotContain("s3cr3t");
  }

  @Test
  void a_vault_data_file_that_does_not_exist_exits_2() {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "nope.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: nope.json: no such file or directory\n");
  }

  @Test
  void vault_data_that_is_not_utf8_or_is_a_directory_exits_2_saying_so_in_words() {
    Run latin1 = render("--file", "es-with-store.yaml", "--vault-data", "../../manifest/latin1.yaml");
    Run directory = render("--file", "es-with-store.yaml", "--vault-data", DIR.resolve("golden").toString());
    assertThat(latin1.code()).isEqualTo(2);
    assertThat(latin1.err()).isEqualTo("secretgate: ../../manifest/latin1.yaml: not valid UTF-8 text\n");
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err()).isEqualTo("secretgate: golden: is a directory\n");
  }

  @Test
  void a_file_without_an_external_secret_exits_2() {
    Run r = render("--file", "not-an-external-secret.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: not-an-external-secret.yaml: no ExternalSecret (external-secrets.io/v1 or "
        + "external-secrets.io/v1beta1) found\n");
  }

  @Test
  void an_unparsable_manifest_exits_2_with_its_position() {
    Run r = render("--file", "bad-es.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("secretgate: bad-es.yaml:").contains("not valid YAML/JSON");
  }

  @Test
  void a_yaml_error_in_the_file_or_the_store_file_is_one_line_on_stderr_without_the_secret() {
    String expected = "secretgate: ../../manifest/secret-bad-indent.yaml:7:7: not valid YAML/JSON: mapping values are not allowed here\n";
    Run file = render("--file", "../../manifest/secret-bad-indent.yaml", "--vault-data", "data.json");
    Run store = render("--file", "es-v1beta1-cluster-store.yaml", "--store", "../../manifest/secret-bad-indent.yaml", "--vault-data", "data.json");
    assertThat(file.code()).isEqualTo(2);
    assertThat(file.err()).isEqualTo(expected);
    assertThat(store.code()).isEqualTo(2);
    assertThat(store.err()).isEqualTo(expected);
  }

  @Test
  void an_external_secret_with_an_unknown_enum_value_exits_2_naming_the_document_and_the_field() {
    Run r = render("--file", "es-invalid-enum.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: es-invalid-enum.yaml#0: not a valid ExternalSecret: spec.data[0].remoteRef.decodingStrategy: "
        + "Unsupported value: \"Base32\": supported values: \"Auto\", \"Base64\", \"Base64URL\", \"None\"\n");
  }

  static Stream<Arguments> externalSecretsTheApiServerWouldRefuse() {
    return Stream.of(
        Arguments.of("es-null-data-item.yaml", "spec.data[0]: Invalid value: \"null\": spec.data[0] in body must be of type object: \"null\""),
        Arguments.of("es-null-data-from-item.yaml",
            "spec.dataFrom[0]: Invalid value: \"null\": spec.dataFrom[0] in body must be of type object: \"null\""),
        Arguments.of("es-null-rewrite.yaml",
            "spec.dataFrom[0].rewrite[0]: Invalid value: \"null\": spec.dataFrom[0].rewrite[0] in body must be of type object: \"null\""),
        Arguments.of("es-spec-is-a-string.yaml", "spec: Invalid value: \"string\": spec in body must be of type object: \"string\""),
        Arguments.of("es-data-is-a-string.yaml", "spec.data: Invalid value: \"string\": spec.data in body must be of type array: \"string\""));
  }

  @ParameterizedTest(name = "{0} exits 2 naming the document and the field, as validate does")
  @MethodSource("externalSecretsTheApiServerWouldRefuse")
  void an_external_secret_the_api_server_would_refuse_exits_2_naming_the_document_and_the_field(String file, String finding) {
    Run r = render("--file", file, "--store", "store.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("secretgate: " + file + "#0: not a valid ExternalSecret: " + finding + "\n");
  }

  @Test
  void a_store_the_api_server_would_refuse_exits_2_naming_the_field_without_java_type_names() {
    Run r = render("--file", "es-v1beta1-cluster-store.yaml", "--store", "store-version-v3.yaml", "--vault-data", "data.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("secretgate: store-version-v3.yaml#0: not a valid ClusterSecretStore: spec.provider.vault.version: "
        + "Unsupported value: \"v3\": supported values: \"v1\", \"v2\"\n");
  }

  @Test
  void a_missing_required_flag_is_a_usage_error() {
    Run r = render("--file", "es-with-store.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--vault-data");
  }

  @Test
  void an_unknown_format_is_a_usage_error() {
    Run r = render("--file", "es-with-store.yaml", "--vault-data", "data.json", "--format", "xml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--format");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}

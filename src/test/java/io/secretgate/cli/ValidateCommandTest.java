package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import io.secretgate.manifest.TooDeepEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import tools.jackson.databind.json.JsonMapper;

/** {@code secretgate validate} end to end over the bundled examples and fixture files. */
class ValidateCommandTest {
  static final String FIXTURES = "src/test/resources/io/secretgate/cli/validate/";
  static final String POLICY = "examples/policies/secretgate-sync.hcl";

  @Test
  void the_examples_give_the_golden_json_and_exit_1_for_the_denied_one() throws IOException {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--format", "json", "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.err()).isEmpty();
    JsonMapper json = JsonMapper.builder().build();
    assertThat(json.readTree(run.out())).isEqualTo(json.readTree(Files.readString(Path.of(FIXTURES + "examples.golden.json"))));
  }

  @Test
  void the_text_format_gives_one_line_per_finding_with_the_file_first() throws IOException {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).isEqualTo(Files.readString(Path.of(FIXTURES + "examples.golden.txt")));
  }

  @Test
  void the_junit_format_is_well_formed_xml_with_one_failure_per_denied_document() throws Exception {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--format", "junit", "examples/manifests/");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("type").getNodeValue())
        .isEqualTo("PATH_NOT_PERMITTED");
  }

  @Test
  void the_junit_format_stays_well_formed_xml_when_a_field_holds_characters_xml_does_not_allow() throws Exception {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--format", "junit", FIXTURES + "control-characters.yaml");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    String message = xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue();
    assertThat(message).contains("secret/data/infra/x\uFFFDy]]>z\uFFFD\uD83D\uDD11\"");
    assertThat(xml.getElementsByTagName("failure").item(0).getTextContent()).contains("infra/x\uFFFDy]]>z\uFFFD\uD83D\uDD11\"");
  }

  @Test
  void the_junit_format_shows_a_file_that_cannot_be_parsed_as_an_error_case_beside_the_documents() throws Exception {
    CliRun run = CliRun.of("validate", "--format", "junit", FIXTURES + "with-broken-file");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
    assertThat(xml.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
    org.w3c.dom.Element error = (org.w3c.dom.Element) xml.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("type")).isEqualTo("INPUT");
    assertThat(error.getAttribute("message")).startsWith("not valid YAML/JSON");
    assertThat(((org.w3c.dom.Element) error.getParentNode()).getAttribute("classname")).matches(".*broken\\.yaml:\\d+:\\d+");
  }

  @Test
  void everything_allowed_exits_0() {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "examples/manifests/stores", "examples/manifests/apps/payments.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("ExternalSecret payments/db-credentials: allowed").contains("1 document(s) checked, 0 denied");
  }

  @Test
  void unquoted_yes_on_no_and_1_000_are_checked_as_the_booleans_and_numbers_kubectl_sends_and_quoted_ones_as_strings() throws IOException {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--format", "json", FIXTURES + "yaml-1.1-scalars.yaml");
    assertThat(run.err()).isEmpty();
    List<String> verdicts = new ArrayList<>();
    JsonMapper.builder().build().readTree(run.out()).get("documents").forEach(d -> verdicts.add(d.get("name").asString() + " "
        + d.get("allowed").asBoolean() + d.get("violations").valueStream().map(v -> " " + v.get("code").asString() + " " + v.get("field").asString()).toList()));
    assertThat(verdicts).containsExactly("immutable-yes true[]", "immutable-on true[]",
        "property-no false[ INVALID_SPEC spec.data[0].remoteRef.property]", "property-quoted-no true[]",
        "property-underscored-number false[ INVALID_SPEC spec.data[0].remoteRef.property]");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
  }

  @Test
  void a_read_the_policy_grants_only_response_wrapped_is_reported_as_conditional() {
    CliRun run = CliRun.of("validate", "--policy", FIXTURES + "wrapping-policy.hcl", FIXTURES + "wrapped-read.yaml");
    assertThat(run.out()).contains(FIXTURES + "wrapped-read.yaml#1: warning: spec.data[0].remoteRef.key: \"read\" on Vault"
        + " path \"secret/data/apps/db\" is granted only with response wrapping or required parameters, so Vault refuses"
        + " the controller's plain read (token of ClusterSecretStore \"vault\")");
  }

  @Test
  void a_read_that_a_control_group_or_mfa_gates_on_vault_enterprise_is_reported_as_conditional() {
    CliRun run = CliRun.of("validate", "--policy", FIXTURES + "enterprise-gates-policy.hcl", FIXTURES + "gated-reads.yaml");
    String warning = FIXTURES + "gated-reads.yaml#1: warning: ";

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains(warning + "spec.data[0].remoteRef.key: \"read\" on Vault path \"secret/data/apps/breakglass\""
            + " is granted only after a control group approval (Vault Enterprise), so Vault answers the controller's plain read"
            + " with a wrapping token, not the secret (token of ClusterSecretStore \"vault\")")
        .contains(warning + "spec.data[1].remoteRef.key: \"read\" on Vault path \"secret/data/apps/mfa/token\""
            + " is granted only with MFA (Vault Enterprise), so Vault refuses the controller's plain read"
            + " (token of ClusterSecretStore \"vault\")")
        .doesNotContain("spec.data[2]");
  }

  @Test
  void a_store_policy_for_a_store_no_document_uses_is_a_warning_on_stderr_naming_it() {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--store-policy", "vault-backnd=" + POLICY, "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.err()).isEqualTo("secretgate: warning: --store-policy vault-backnd matched no store the documents use;"
        + " its policy files were not used" + System.lineSeparator());
  }

  @Test
  void a_store_policy_for_the_store_the_documents_use_gives_no_warning() {
    CliRun run = CliRun.of("validate", "--store-policy", "ClusterSecretStore/vault-backend=" + POLICY, "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void a_store_policy_key_of_no_known_shape_is_an_input_error() {
    CliRun run = CliRun.of("validate", "--store-policy", "clustersecretstore/vault-backend=" + POLICY, "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("--store-policy clustersecretstore/vault-backend=" + POLICY
        + ": STORE must be NAME, ClusterSecretStore/NAME, SecretStore/NAME or SecretStore/NS/NAME");
  }

  @Test
  void a_store_policy_with_an_empty_file_name_in_its_list_is_an_input_error_naming_the_flag() {
    CliRun run = CliRun.of("validate", "--store-policy", "vault-backend=" + POLICY + ",," + POLICY, "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: --store-policy vault-backend=" + POLICY + ",," + POLICY + ": an empty file name in FILE[,FILE]\n");
  }

  @Test
  void a_store_policy_whose_list_ends_in_an_empty_file_name_is_an_input_error_not_one_file_fewer() {
    // STORE=FILE,$EXTRA with EXTRA unset: the second file was dropped without a word
    CliRun run = CliRun.of("validate", "--store-policy", "vault-backend=" + POLICY + ",", "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: --store-policy vault-backend=" + POLICY + ",: an empty file name in FILE[,FILE]\n");
  }

  @Test
  void policy_files_together_with_vault_addr_are_an_input_error_not_silently_ignored() {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--vault-addr", "http://127.0.0.1:1", "--vault-token-file", POLICY, "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("--vault-addr asks Vault what each store's token may do: give it without --policy and --store-policy");
  }

  @Test
  void a_vault_token_file_without_vault_addr_is_an_input_error_not_a_run_that_checks_nothing() {
    CliRun run = CliRun.of("validate", "--vault-token-file", POLICY, "examples/manifests/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: --vault-token-file needs --vault-addr (the Vault to ask with that token)\n");
  }

  @Test
  void a_read_that_must_name_its_version_is_conditional_only_where_no_version_is_sent() {
    CliRun run = CliRun.of("validate", "--policy", FIXTURES + "version-policy.hcl", FIXTURES + "versioned-reads.yaml");
    String conditional = "is granted only with response wrapping or required parameters";
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).doesNotContain("spec.data[0].remoteRef.key: \"read\" on Vault path \"secret/data/apps/db\" " + conditional)
        .doesNotContain("spec.dataFrom[0].extract.key: \"read\"")
        .contains("spec.data[1].remoteRef.key: \"read\" on Vault path \"secret/data/apps/cache\" " + conditional)
        .contains("spec.data[2].remoteRef.key: \"read\" on Vault path \"legacy/apps/legacy\" " + conditional);
  }

  @Test
  void a_path_denied_by_a_block_on_that_exact_path_is_not_told_to_add_a_block_that_vault_would_merge_into_the_deny() {
    CliRun run = CliRun.of("validate", "--policy", FIXTURES + "explicit-deny-policy.hcl", FIXTURES + "explicitly-denied-reads.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).contains("PATH_NOT_PERMITTED spec.data[0].remoteRef.key: the token of ClusterSecretStore \"vault\""
        + " lacks \"read\" on Vault path \"secret/data/apps/db\" (its policies grant [deny]); its policies deny it explicitly"
        + " with a block on that exact path, path \"secret/data/apps/db\", and Vault keeps a deny when it merges the blocks of one"
        + " path: remove that deny to allow it\n")
        .doesNotContain("a policy block that allows it: path \"secret/data/apps/db\"")
        .contains("PATH_NOT_PERMITTED spec.data[1].remoteRef.key: the token of ClusterSecretStore \"vault\" lacks \"read\" on"
            + " Vault path \"secret/data/infra/ca\" (its policies grant [deny]); a policy block that allows it:"
            + " path \"secret/data/infra/ca\" { capabilities = [\"read\"] }\n")
        .doesNotContain("spec.data[2]");
  }

  @Test
  void an_unparsable_policy_file_exits_2_naming_file_line_and_column() {
    CliRun run = CliRun.of("validate", "--policy", FIXTURES + "bad-policy.hcl", "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).matches("secretgate: " + FIXTURES.replace(".", "\\.") + "bad-policy\\.hcl:2:\\d+: .*fly.*");
  }

  @Test
  void a_broken_file_is_reported_with_its_position_and_the_other_files_are_still_checked() {
    CliRun run = CliRun.of("validate", "--format", "json", FIXTURES + "with-broken-file");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).contains("\"name\":\"db\"").contains("\"summary\":{\"documents\":1,\"denied\":0}");
    assertThat(run.err()).containsPattern("broken\\.yaml:\\d+:\\d+: not valid YAML/JSON");
  }

  @Test
  void an_input_error_outranks_a_denial_and_the_json_still_lists_the_denied_document() throws IOException {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--format", "json", "examples/manifests/", FIXTURES + "with-broken-file/broken.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    JsonMapper json = JsonMapper.builder().build();
    assertThat(json.readTree(run.out())).isEqualTo(json.readTree(Files.readString(Path.of(FIXTURES + "examples.golden.json"))));
    assertThat(run.err()).containsPattern("^secretgate: " + FIXTURES.replace(".", "\\.") + "with-broken-file/broken\\.yaml:\\d+:\\d+: not valid YAML/JSON")
        .hasLineCount(1);
  }

  @Test
  void a_document_with_a_kind_but_no_api_version_exits_2_naming_it_instead_of_being_skipped_unchecked() {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "examples/manifests/stores/", FIXTURES + "no-api-version.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEqualTo("0 document(s) checked, 0 denied, 1 input error(s)\n");
    assertThat(run.err()).isEqualTo("secretgate: " + FIXTURES + "no-api-version.yaml#0: document has no apiVersion\n");
  }

  @Test
  void an_empty_path_which_an_unset_shell_variable_gives_is_an_input_error_not_a_walk_of_the_working_directory() {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEqualTo("0 document(s) checked, 0 denied, 1 input error(s)\n");
    assertThat(run.err()).isEqualTo("secretgate: \"\": an empty path names no file or directory\n");
  }

  @Test
  void a_directory_without_manifests_is_zero_documents_in_valid_json_and_exits_0(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README.md"), "not a manifest");
    CliRun run = CliRun.of("validate", "--format", "json", dir.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    JsonMapper json = JsonMapper.builder().build();
    assertThat(json.readTree(run.out())).isEqualTo(json.readTree("{\"documents\":[],\"summary\":{\"documents\":0,\"denied\":0}}"));
  }

  @Test
  void a_yaml_error_in_a_secret_manifest_is_one_line_on_stderr_without_the_secret() {
    CliRun run = CliRun.of("validate", "src/test/resources/io/secretgate/manifest/secret-bad-indent.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: src/test/resources/io/secretgate/manifest/secret-bad-indent.yaml:7:7: not valid YAML/JSON: mapping values are not allowed here\n");
  }

  @Test
  void a_directory_entry_that_cannot_be_read_exits_2_and_the_readable_files_are_still_checked(@TempDir Path dir) throws IOException {
    Files.copy(Path.of(FIXTURES, "with-broken-file", "good.yaml"), dir.resolve("good.yaml"));
    try (TooDeepEntry deep = TooDeepEntry.under(dir)) {
      CliRun run = CliRun.of("validate", dir.toString());
      assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
      assertThat(run.out()).contains("1 document(s) checked, 0 denied, 1 input error(s)");
      assertThat(run.err()).isEqualTo("secretgate: " + deep.unopenable() + ": file name too long\n");
    }
  }

  @Test
  void a_vault_address_that_is_no_url_is_a_usage_error_in_words() {
    CliRun run = CliRun.of("validate", "--vault-addr", "http://[x", "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).startsWith("secretgate: Invalid value for option '--vault-addr': "
        + "not a valid URL: expected closing bracket for IPv6 address at character 10").doesNotContain("java.");
  }

  @Test
  void a_kubeconfig_that_is_not_valid_yaml_exits_2_with_its_position_and_none_of_its_content() {
    CliRun run = CliRun.of("validate", "--kubeconfig", FIXTURES + "kubeconfig-broken.yaml", "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: " + FIXTURES + "kubeconfig-broken.yaml:4:1: not valid YAML/JSON: expected ',' or ']', but got <scalar>\n");
  }

  @Test
  void a_kubeconfig_with_a_field_of_the_wrong_type_exits_2_naming_the_field_not_a_java_type() {
    CliRun run = CliRun.of("validate", "--kubeconfig", FIXTURES + "kubeconfig-users-not-a-list.yaml", "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: " + FIXTURES + "kubeconfig-users-not-a-list.yaml: not a usable kubeconfig: users has the wrong type\n");
  }

  @ParameterizedTest(name = "--namespace ''{0}''")
  @ValueSource(strings = {"", "Payments", "team_a"})
  void a_namespace_kubernetes_would_refuse_is_a_usage_error_not_the_namespace_of_every_document_without_one(String namespace) {
    CliRun run = CliRun.of("validate", "--policy", POLICY, "--namespace", namespace, "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: Invalid value for option '--namespace': '" + namespace + "' is not a valid namespace name"
        + " (a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters) (see 'secretgate validate --help')\n");
  }

  @Test
  void a_missing_argument_is_a_usage_error() {
    CliRun run = CliRun.of("validate");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).startsWith("secretgate: Missing required parameter").endsWith(" (see 'secretgate validate --help')\n")
        .hasLineCount(1);
  }

  @Test
  void with_vault_addr_each_external_secret_asks_vault_once_for_all_its_paths(@TempDir Path tmp) throws IOException {
    List<String> bodies = new ArrayList<>();
    HttpServer vault = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    vault.createContext("/v1/sys/capabilities-self", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " token=" + ex.getRequestHeaders().getFirst("X-Vault-Token"));
      byte[] answer = ("{\"data\":{\"secret/data/apps/orders/stripe\":[\"read\"],\"secret/data/infra/root-ca\":[\"deny\"],"
          + "\"secret/data/apps/payments/db\":[\"list\",\"read\"]}}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(answer);
      }
    });
    vault.start();
    try {
      Path token = Files.writeString(tmp.resolve("token"), "s.secret-token\n");
      CliRun run = CliRun.of("validate", "--vault-addr", "http://127.0.0.1:" + vault.getAddress().getPort(),
          "--vault-token-file", token.toString(), "--format", "json", "examples/manifests/");
      assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
      assertThat(run.out()).contains("\"code\":\"PATH_NOT_PERMITTED\"").doesNotContain("s.secret-token");
      assertThat(bodies).hasSize(2).allMatch(b -> b.endsWith("token=s.secret-token"));
      assertThat(bodies.get(0)).startsWith("{\"paths\":[\"secret/data/infra/root-ca\",\"secret/data/apps/orders/stripe\"]}");
    } finally {
      vault.stop(0);
    }
  }

  @Test
  void a_vault_token_file_that_is_missing_or_empty_exits_2_naming_it_and_why(@TempDir Path tmp) throws IOException {
    Path missing = tmp.resolve("token");
    CliRun notThere = CliRun.of("validate", "--vault-addr", "http://127.0.0.1:1", "--vault-token-file", missing.toString(), "examples/manifests/");
    assertThat(notThere.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(notThere.err()).isEqualTo("secretgate: " + missing + ": cannot read the Vault token file (no such file or directory)\n");

    Path empty = Files.writeString(tmp.resolve("empty-token"), "\n");
    CliRun blank = CliRun.of("validate", "--vault-addr", "http://127.0.0.1:1", "--vault-token-file", empty.toString(), "examples/manifests/");
    assertThat(blank.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(blank.err()).isEqualTo("secretgate: " + empty + ": the Vault token file is empty\n");
  }

  @Test
  void when_vault_cannot_be_reached_the_run_exits_2_without_printing_the_token(@TempDir Path tmp) throws IOException {
    Path token = Files.writeString(tmp.resolve("token"), "s.secret-token");
    CliRun run = CliRun.of("validate", "--vault-addr", "http://127.0.0.1:1", "--vault-token-file", token.toString(), "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("cannot reach Vault at http://127.0.0.1:1").doesNotContain("s.secret-token");
  }

}

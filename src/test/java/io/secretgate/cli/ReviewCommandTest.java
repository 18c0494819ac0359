package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code secretgate review} end to end through {@link SecretgateCommand#execute}: it prints exactly
 * the body the webhook answers (the admission golden files, compact, on one line) and exits 0, or
 * the HTTP 400 error body and exits 1; bad input exits 2.
 */
class ReviewCommandTest {
  static final String ADMISSION = "src/test/resources/io/secretgate/admission/";
  static final String REQUESTS = ADMISSION + "requests/";
  static final String CLUSTER = ADMISSION + "cluster.yaml";
  static final String POLICY = ADMISSION + "policy.hcl";
  static final String INJECT = "src/test/resources/io/secretgate/inject/";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The golden answer as the webhook writes it: compact JSON, one line. */
  static String golden(String name) throws IOException {
    return JSON.writeValueAsString(JSON.readTree(Files.readString(Path.of(ADMISSION + "golden/" + name)))) + "\n";
  }

  static CliRun review(String request, String... more) {
    String[] args = new String[6 + more.length];
    String[] base = {"review", "--request", REQUESTS + request, "--manifests", CLUSTER, "--policy=" + POLICY};
    System.arraycopy(base, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return CliRun.of(args);
  }

  @Test
  void a_denied_request_prints_the_webhooks_403_answer_and_exits_0() throws IOException {
    CliRun run = review("create-v1-denied-path.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(golden("create-v1-denied-path.json"));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void an_allowed_request_prints_the_webhooks_answer_and_exits_0() throws IOException {
    CliRun run = review("create-v1beta1-allowed.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(golden("create-v1beta1-allowed.json"));
  }

  @Test
  void a_read_the_policy_grants_only_response_wrapped_is_answered_with_a_warning() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "create-v1beta1-allowed.json", "--manifests", CLUSTER,
        "--policy=" + ADMISSION + "policy-wrapping.hcl");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"allowed\":true").contains(
        "spec.data[0].remoteRef.key: \\\"read\\\" on Vault path \\\"kv/data/payments/stripe\\\" is granted only with response wrapping");
  }

  @Test
  void a_path_denied_by_a_block_on_that_exact_path_is_refused_naming_that_deny() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "create-v1beta1-allowed.json", "--manifests", CLUSTER,
        "--policy=" + ADMISSION + "policy-exact-deny.hcl");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"allowed\":false").contains("lacks \\\"read\\\" on Vault path \\\"kv/data/payments/stripe\\\""
        + " (its policies grant [deny]); its policies deny it explicitly with a block on that exact path,"
        + " path \\\"kv/data/payments/stripe\\\", and Vault keeps a deny").doesNotContain("a policy block that allows it");
  }

  @Test
  void a_delete_is_allowed_without_any_manifest_or_policy() throws IOException {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "delete.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(golden("delete.json"));
  }

  @Test
  void enforcement_warn_admits_violations_as_warnings_unless_the_namespace_label_says_deny() throws IOException {
    CliRun warned = review("create-store-not-allowed.json", "--enforcement", "warn");
    assertThat(warned.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(warned.out()).isEqualTo(golden("global-warn-store-not-allowed.json"));
    CliRun labelled = review("create-v1-denied-path.json", "--enforcement", "warn");
    assertThat(labelled.out()).isEqualTo(golden("global-warn-namespace-label-deny.json"));
  }

  @Test
  void a_malformed_external_secret_prints_the_400_review_and_exits_0() throws IOException {
    CliRun run = review("create-spec-is-a-string.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(golden("create-spec-is-a-string.json"));
  }

  @Test
  void a_body_the_webhook_answers_with_http_400_prints_the_error_body_and_exits_1() {
    CliRun run = review("v1beta1-review.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).isEqualTo("{\"error\":\"not an admission.k8s.io/v1 AdmissionReview (got apiVersion \\\"admission.k8s.io/v1beta1\\\","
        + " kind \\\"AdmissionReview\\\"); this webhook answers admission.k8s.io/v1 only: list admissionReviewVersions: [v1] in the"
        + " webhook configuration\"}\n");
    assertThat(run.err()).isEqualTo("secretgate: " + Path.of(REQUESTS + "v1beta1-review.json") + ": the webhook would answer HTTP 400 (its error body is on stdout)\n");
  }

  @Test
  void a_request_file_that_is_not_json_prints_the_error_body_and_exits_1() {
    CliRun run = review("not-json.txt");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).isEqualTo("{\"error\":\"the body is not valid JSON at line 1, column 1\"}\n");
    assertThat(run.err()).contains("not-json.txt: the webhook would answer HTTP 400");
  }

  @Test
  void a_missing_request_file_exits_2_naming_it() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "nope.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: " + REQUESTS + "nope.json: no such file\n");
  }

  @Test
  void a_directory_as_request_file_exits_2_naming_it() {
    CliRun run = CliRun.of("review", "--request", REQUESTS);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: " + Path.of(REQUESTS) + ": is a directory\n");
  }

  @Test
  void a_pod_review_is_answered_by_the_mutating_webhook_with_a_patch_that_gives_the_expected_pod() throws IOException {
    CliRun run = CliRun.of("review", "--request", INJECT + "requests/several-containers.json", "--manifests", INJECT + "secrets.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).endsWith("\n").doesNotContain("\n\n");
    JsonNode response = JSON.readTree(run.out()).get("response");
    assertThat(response.get("uid").asString()).isEqualTo("0a1b2c3d-0003-4000-8000-000000000003");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("patchType").asString()).isEqualTo("JSONPatch");
    assertThat(response.get("warnings")).containsExactly(JSON.getNodeFactory().stringNode(
        "the Pod will wait for Secret \"api-keys\" until ExternalSecret \"api-keys\" syncs it"));
    JsonNode patch = JSON.readTree(Base64.getDecoder().decode(response.get("patch").asString()));
    JsonNode object = JSON.readTree(Files.readString(Path.of(INJECT + "requests/several-containers.json"))).at("/request/object");
    assertThat(JsonPatch.apply(patch, object)).isEqualTo(JSON.readTree(Files.readString(Path.of(INJECT + "expected/several-containers.pod.json"))));
  }

  @Test
  void a_pod_review_takes_only_labelled_secrets_as_facts_and_warns_about_the_rest() {
    CliRun run = CliRun.of("review", "--request", "src/test/resources/io/secretgate/cli/review/pod-create.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode response = JSON.readTree(run.out()).get("response");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("warnings").get(0).asString())
        .isEqualTo("the Pod will wait for Secret \"db-credentials\" unless it exists: no ExternalSecret targets it");
    CliRun known = CliRun.of("review", "--request", "src/test/resources/io/secretgate/cli/review/pod-create.json", "--manifests", INJECT + "secrets.yaml");
    assertThat(JSON.readTree(known.out()).get("response").has("warnings")).isFalse();
  }

  @Test
  void a_pod_review_names_the_external_secret_the_webhook_names_when_several_target_the_secret() {
    CliRun run = CliRun.of("review", "--request", "src/test/resources/io/secretgate/cli/review/pod-create.json",
        "--manifests", "src/test/resources/io/secretgate/cli/review/two-external-secrets-one-target.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    String warning = JSON.readTree(run.out()).at("/response/warnings/0").asString();
    assertThat(warning).as("the webhook's informer lists them by name").contains("ExternalSecret \"db-sync-a\"").doesNotContain("db-sync-z");
  }

  @Test
  void a_pod_review_that_the_webhook_refuses_prints_the_403_and_exits_0() {
    CliRun run = CliRun.of("review", "--request", INJECT + "requests/invalid-secret-name.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    JsonNode response = JSON.readTree(run.out()).get("response");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    assertThat(response.at("/status/message").asString()).contains("\"DB_Credentials\" is not a valid Secret name");
  }

  @Test
  void unreadable_manifests_exit_2_with_their_position() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "create-v1-allowed.json",
        "--manifests", "src/test/resources/io/secretgate/cli/validate/with-broken-file");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).containsPattern("secretgate: .*broken\\.yaml:\\d+:\\d+: not valid YAML/JSON");
  }

  @Test
  void a_yaml_error_in_the_manifests_is_one_line_on_stderr_without_the_secret() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "create-v1-allowed.json", "--manifests", "src/test/resources/io/secretgate/manifest/secret-bad-indent.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: src/test/resources/io/secretgate/manifest/secret-bad-indent.yaml:7:7: not valid YAML/JSON: mapping values are not allowed here\n");
  }

  @Test
  void an_unparsable_policy_file_exits_2() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "create-v1-allowed.json", "--manifests", CLUSTER,
        "--policy", "src/test/resources/io/secretgate/cli/validate/bad-policy.hcl");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("secretgate: src/test/resources/io/secretgate/cli/validate/bad-policy.hcl:2:");
  }

  @Test
  void an_enforcement_other_than_deny_or_warn_is_a_usage_error() {
    CliRun run = review("create-v1-allowed.json", "--enforcement", "audit");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("expected deny or warn, not 'audit'");
  }

  @Test
  void without_manifests_every_store_is_missing() {
    CliRun run = CliRun.of("review", "--request", REQUESTS + "create-v1-allowed.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("\"allowed\":false").contains("STORE_NOT_FOUND: ClusterSecretStore \\\"vault-backend\\\" not found");
  }

  @Test
  void with_vault_unreachable_the_on_vault_unavailable_setting_decides(@TempDir Path tmp) throws IOException {
    Path token = Files.writeString(tmp.resolve("token"), "s.not-a-real-token\n", StandardCharsets.UTF_8);
    String[] online = {"--vault-addr", "http://127.0.0.1:1", "--vault-token-file", token.toString()};
    CliRun warned = CliRun.of(concat(new String[] {"review", "--request", REQUESTS + "create-v1-allowed.json", "--manifests", CLUSTER}, online));
    assertThat(warned.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(JSON.readTree(warned.out()).get("response").get("allowed").asBoolean()).isTrue();
    assertThat(warned.out()).contains("not checked (Vault could not be asked): secret/data/apps/payments/db").doesNotContain("s.not-a-real-token");

    CliRun denied = CliRun.of(concat(new String[] {"review", "--request", REQUESTS + "create-v1-allowed.json", "--manifests", CLUSTER,
        "--on-vault-unavailable", "deny"}, online));
    assertThat(denied.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(JSON.readTree(denied.out()).get("response").get("status").get("message").asString())
        .isEqualTo("ExternalSecret payments/db-credentials denied:\n- Vault could not be asked what the token of ClusterSecretStore"
            + " \"vault-backend\" may do (Vault POST sys/capabilities-self: cannot reach Vault at http://127.0.0.1:1 (connection refused)), so secret/data/apps/payments/db"
            + " could not be checked; on-vault-unavailable is deny");
  }

  @Test
  void the_help_names_every_option() {
    CliRun run = CliRun.of("review", "--help");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("--request=REVIEW.json", "--manifests=PATH", "--policy=FILE", "--store-policy", "--enforcement=deny|warn",
        "--on-vault-unavailable=warn|deny", "--namespace");
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

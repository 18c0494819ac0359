package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example commands of the README and docs/ do what the text says. */
class ReadmeExamplesTest {

  @Test
  void rendering_the_payments_example_prints_its_secret_with_values_redacted() {
    CliRun run = CliRun.of("render", "--file", "examples/manifests/apps/payments.yaml", "--store", "examples/manifests/stores/vault-backend.yaml",
        "--vault-data", "examples/vault/kv-answers.json", "--redact", "--format", "yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("name: db-credentials", "password: <redacted>", "username: <redacted>",
        "reconcile.external-secrets.io/managed: \"true\"").doesNotContain("example-only-not-a-secret");
  }

  @Test
  void rendering_the_orders_example_fails_like_the_controller_would_because_vault_has_no_root_ca() {
    CliRun run = CliRun.of("render", "--file", "examples/manifests/apps/orders.yaml", "--store", "examples/manifests/stores/vault-backend.yaml",
        "--vault-data", "examples/vault/kv-answers.json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: sync would fail: SecretSyncedError: could not get secret data from provider\n"
        + "secretgate: event Warning UpdateFailed: error processing spec.data[0] (key: infra/root-ca), err: Secret does not exist\n");
  }

  @Test
  void policy_capabilities_answers_like_vault_for_the_example_policy() {
    CliRun run = CliRun.of("policy", "capabilities", "--policy", "examples/policies/secretgate-sync.hcl",
        "secret/data/apps/payments/db", "secret/metadata/apps/", "secret/data/infra/root-ca");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out().strip()).isEqualTo(
        "{\"secret/data/apps/payments/db\":[\"read\"],\"secret/metadata/apps/\":[\"list\",\"read\"],\"secret/data/infra/root-ca\":[\"deny\"]}");
  }

  @Test
  void the_review_example_of_docs_admission_answers_with_the_webhooks_review() throws IOException {
    List<String> args = new ArrayList<>(example("docs/admission.md", "bin/secretgate review "));
    args.set(args.indexOf("review.json"), "src/test/resources/io/secretgate/bench/externalsecret-review.json");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"");
  }

  @Test
  void the_quick_start_prints_exactly_the_lines_the_readme_shows_and_exits_1() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<String> args = example("README.md", "bin/secretgate validate ");
    int shown = readme.indexOf("```\n", readme.indexOf("It prints one line per document")) + 4;
    String printed = readme.substring(shown, readme.indexOf("```", shown));

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(run.out()).isEqualTo(printed);
  }

  /** The arguments of the command in {@code doc} that starts with {@code prefix}, its continuation lines joined. */
  private static List<String> example(String doc, String prefix) throws IOException {
    String text = Files.readString(Path.of(doc));
    int start = text.indexOf(prefix);
    assertThat(start).as(prefix + " in " + doc).isNotNegative();
    String command = text.substring(start + "bin/secretgate ".length(), text.indexOf("```", start)).replace("\\\n", " ");
    return List.of(command.strip().split("\\s+"));
  }
}

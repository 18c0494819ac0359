package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's example commands do what the README says. */
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
}

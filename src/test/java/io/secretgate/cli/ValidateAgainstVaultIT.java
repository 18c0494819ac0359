package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.testing.FakeVault;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code secretgate validate --vault-addr} asks FakeVault through the Vault gateway. */
class ValidateAgainstVaultIT {
  static final String POLICY = "examples/policies/secretgate-sync.hcl";
  static final String TOKEN = "s.validate-token-3e1f";

  @TempDir
  Path tmp;
  FakeVault vault;
  Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeVault().mountV2("secret");
    vault.token(TOKEN, new FakeVault.TokenInfo(List.of(PolicyFiles.load(Path.of(POLICY))), 3600));
    tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void asking_vault_gives_the_same_findings_as_the_policy_file_it_holds() throws IOException {
    CliRun online = CliRun.of("validate", "--vault-addr", vault.address().toString(), "--vault-token-file", tokenFile.toString(),
        "--format", "json", "examples/manifests/");
    CliRun offline = CliRun.of("validate", "--policy", POLICY, "--format", "json", "examples/manifests/");
    assertThat(online.exitCode()).isEqualTo(ExitCodes.FINDING);
    assertThat(online.err()).isEmpty();
    JsonMapper json = JsonMapper.builder().build();
    assertThat(json.readTree(online.out())).isEqualTo(json.readTree(offline.out()));
    assertThat(vault.requests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.line()).isEqualTo("POST /v1/sys/capabilities-self");
      assertThat(r.token()).isEqualTo(TOKEN);
      assertThat(r.body()).startsWith("{\"paths\":[");
    });
  }

  @Test
  void the_store_namespace_goes_to_vault_as_the_namespace_header() throws IOException {
    Path store = Files.writeString(tmp.resolve("store.yaml"),
        Files.readString(Path.of("examples/manifests/stores/vault-backend.yaml")).replace("      path: \"secret\"\n",
            "      path: \"secret\"\n      namespace: \"team-a/\"\n"));
    CliRun run = CliRun.of("validate", "--vault-addr", vault.address().toString(), "--vault-token-file", tokenFile.toString(),
        store.toString(), "examples/manifests/apps/payments.yaml");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(vault.requests()).singleElement().satisfies(r -> assertThat(r.namespace()).isEqualTo("team-a/"));
  }

  @Test
  void a_refused_token_exits_2_naming_the_call_and_the_status_but_not_the_token() throws IOException {
    Path wrong = Files.writeString(tmp.resolve("wrong"), "s.not-known-to-vault");
    CliRun run = CliRun.of("validate", "--vault-addr", vault.address().toString(), "--vault-token-file", wrong.toString(), "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("Vault POST sys/capabilities-self: permission denied (HTTP 403)")
        .doesNotContain("s.not-known-to-vault").doesNotContain("errors");
  }

  @Test
  void a_sealed_vault_exits_2_saying_so() {
    vault.sealed(true);
    CliRun run = CliRun.of("validate", "--vault-addr", vault.address().toString(), "--vault-token-file", tokenFile.toString(), "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("Vault is sealed (HTTP 503)").doesNotContain(TOKEN);
  }

  @Test
  void an_address_that_is_not_http_is_a_usage_error() {
    CliRun run = CliRun.of("validate", "--vault-addr", "vault:8200", "--vault-token-file", tokenFile.toString(), "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("--vault-addr vault:8200: expected an http:// or https:// address");
  }

  @Test
  void an_address_without_a_scheme_that_does_not_even_parse_is_told_to_give_one() {
    CliRun run = CliRun.of("validate", "--vault-addr", "127.0.0.1:8200", "--vault-token-file", tokenFile.toString(), "examples/manifests/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).contains("--vault-addr").contains("expected an http:// or https:// address, e.g. https://127.0.0.1:8200")
        .doesNotContain("illegal character");
  }
}

package io.secretgate.vault.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The named switch for when the slash-less LIST retry runs (vault-facts §1.3 steps 3 and 4). */
class MatchOrderTest {
  static final String POLICY = "acl/list-order.hcl";

  @ParameterizedTest(name = "{0}: Vault {1}, OpenBao {2}")
  @CsvSource(delimiter = '|', textBlock = """
      secret/metadata/private/          | list      | deny
      secret/metadata/private/granted/  | deny      | list,read
      kv/x/                             | read      | list
      secret/metadata/private/x         | deny      | deny
      secret/metadata/                  | list      | list
      tools/a/                          | list,read | list,read
      kv/y/z/                           | deny      | deny
      """)
  void listSemanticsDependOnTheMatchOrder(String path, String vault, String openbao) throws Exception {
    Acl vaultAcl = Fixtures.acl(POLICY, MatchOrder.VAULT);
    Acl openbaoAcl = Fixtures.acl(POLICY, MatchOrder.OPENBAO);

    assertThat(vaultAcl.capabilities(path)).as("Vault").isEqualTo(capabilities(vault));
    assertThat(openbaoAcl.capabilities(path)).as("OpenBao").isEqualTo(capabilities(openbao));
    assertThat(vaultAcl.allows(Capability.LIST, path)).isEqualTo(vault.contains("list"));
    assertThat(openbaoAcl.allows(Capability.LIST, path)).isEqualTo(openbao.contains("list"));
  }

  @ParameterizedTest(name = "READ of {0}")
  @CsvSource({"secret/metadata/private/", "secret/metadata/private/granted/", "kv/x/", "tools/a/"})
  void readRequestsNeverRetryWithoutTheSlashInEitherOrder(String path) throws Exception {
    boolean vault = Fixtures.acl(POLICY, MatchOrder.VAULT).allows(Capability.READ, path);
    boolean openbao = Fixtures.acl(POLICY, MatchOrder.OPENBAO).allows(Capability.READ, path);

    assertThat(vault).isEqualTo(openbao);
    assertThat(vault).isEqualTo(path.equals("secret/metadata/private/granted/"));
  }

  @Test
  void vaultOrderIsTheDefault() throws Exception {
    Acl acl = Acl.of(List.of(PolicyFiles.load(Fixtures.path(POLICY))));

    assertThat(acl.matchOrder()).isEqualTo(MatchOrder.VAULT);
    assertThat(acl.capabilities("secret/metadata/private/")).containsExactly("list");
  }

  private static List<String> capabilities(String commaSeparated) {
    return Arrays.asList(commaSeparated.split(","));
  }
}

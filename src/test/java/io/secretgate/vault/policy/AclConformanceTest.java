package io.secretgate.vault.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluator against the conformance corpora: what {@code sys/capabilities-self} answers
 * ({@code expect}) and whether a plain GET passes the ACL ({@code read_allowed}).
 */
class AclConformanceTest {
  static final String PUBLIC_CASES = "vault-acl-cases-public.json";
  static final String OWN_CASES = "acl-cases-own.json";

  static List<AclCase> publicCases() {
    return AclCase.load(PUBLIC_CASES);
  }

  static List<AclCase> ownCases() {
    return AclCase.load(OWN_CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publicCases")
  void answersThePublicCorpusLikeVault(AclCase c) throws PolicyParseException {
    assertAnswersLikeVault(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ownCases")
  void answersOurOwnRuleDerivedCorpusLikeVault(AclCase c) throws PolicyParseException {
    assertAnswersLikeVault(c);
  }

  @Test
  void bothCorporaAreFullyLoaded() {
    assertThat(publicCases()).hasSize(56);
    assertThat(ownCases()).hasSizeGreaterThanOrEqualTo(40);
  }

  private static void assertAnswersLikeVault(AclCase c) throws PolicyParseException {
    Acl acl = c.acl(MatchOrder.VAULT);
    assertThat(acl.capabilities(c.path())).as("capabilities-self of %s", c.path()).isEqualTo(c.expect());
    assertThat(acl.allows(Capability.READ, c.path())).as("READ of %s", c.path()).isEqualTo(c.readAllowed());
  }
}

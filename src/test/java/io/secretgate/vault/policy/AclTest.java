package io.secretgate.vault.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@link Acl#allows} means beyond the capability list, and the root and empty ACLs. */
class AclTest {

  private static Acl constraints() throws Exception {
    return Fixtures.acl("acl/constraints.hcl", MatchOrder.VAULT);
  }

  @Test
  void aWrappingTtlRefusesEveryUnwrappedRequestButStillListsTheCapabilities() throws Exception {
    Acl acl = constraints();

    assertThat(acl.capabilities("secret/wrapped")).containsExactly("delete", "list", "read");
    assertThat(acl.allows(Capability.READ, "secret/wrapped")).isFalse();
    assertThat(acl.allows(Capability.DELETE, "secret/wrapped")).isFalse();
    assertThat(acl.allows(Capability.LIST, "secret/wrapped")).isFalse();
  }

  @Test
  void requiredParametersRefuseAPlainReadOrUpdateButNotADeleteOrList() throws Exception {
    Acl acl = constraints();

    assertThat(acl.allows(Capability.READ, "secret/needs-version")).isFalse();
    assertThat(acl.allows(Capability.UPDATE, "secret/needs-version")).isFalse();
    assertThat(acl.allows(Capability.DELETE, "secret/needs-version")).isTrue();
    assertThat(acl.allows(Capability.LIST, "secret/needs-version")).isTrue();
  }

  @Test
  void requiredParametersAreMetByARequestThatSendsThem() throws Exception {
    Acl acl = constraints();

    assertThat(acl.allows(Capability.READ, "secret/needs-version", Set.of("version"))).isTrue();
    assertThat(acl.allows(Capability.READ, "secret/needs-version", Set.of("versions"))).isFalse();
    assertThat(acl.allows(Capability.READ, "secret/needs-version", Set.of())).isFalse();
    assertThat(acl.allows(Capability.READ, "secret/wrapped", Set.of("version"))).isFalse();
  }

  @Test
  void aWrappingTtlOnOneOfTwoMergedBlocksAppliesToTheMergedGrant() throws Exception {
    Acl acl = constraints();

    assertThat(acl.capabilities("secret/merged")).containsExactly("list", "read");
    assertThat(acl.allows(Capability.READ, "secret/merged")).isFalse();
  }

  @Test
  void mfaAndControlGroupsOfMergedBlocksGateTheCapabilitiesTheyNameButLeaveTheAclAnswerAlone() throws Exception {
    Acl acl = constraints();

    assertThat(acl.allows(Capability.READ, "secret/approved")).isTrue();
    assertThat(acl.enterpriseGates(Capability.READ, "secret/approved")).containsExactly(EnterpriseGate.MFA);
    assertThat(acl.enterpriseGates(Capability.UPDATE, "secret/approved"))
        .containsExactlyInAnyOrder(EnterpriseGate.MFA, EnterpriseGate.CONTROL_GROUP);
    assertThat(acl.enterpriseGates(Capability.LIST, "secret/approved/")).containsExactly(EnterpriseGate.MFA);
    assertThat(acl.enterpriseGates(Capability.DELETE, "secret/approved")).isEmpty();
    assertThat(acl.enterpriseGates(Capability.READ, "secret/merged")).isEmpty();
  }

  @Test
  void sudoAndSubscribeAreAllowedWhenTheirBitIsGranted() throws Exception {
    Acl acl = constraints();

    assertThat(acl.allows(Capability.SUDO, "secret/admin/x")).isTrue();
    assertThat(acl.allows(Capability.SUBSCRIBE, "secret/admin/x")).isTrue();
    assertThat(acl.allows(Capability.UPDATE, "secret/admin/x")).isFalse();
    assertThat(acl.allows(Capability.SUDO, "secret/meta/app")).isFalse();
  }

  @Test
  void listUsesListSemanticsAndReadDoesNot() throws Exception {
    Acl acl = constraints();

    assertThat(acl.allows(Capability.LIST, "secret/meta/app/")).isTrue();
    assertThat(acl.allows(Capability.READ, "secret/meta/app/")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Capability.class)
  void denyIsNeverAnAllowedOperationEvenForRoot(Capability capability) throws Exception {
    Acl root = Acl.of(List.of(Policy.root()));

    assertThat(root.allows(Capability.DENY, "secret/closed")).isFalse();
    assertThat(constraints().allows(capability, "secret/closed")).isFalse();
    assertThat(root.allows(capability, "secret/closed")).isEqualTo(capability != Capability.DENY);
  }

  @Test
  void anExactDenyIsReportedOnlyForItsOwnPathAndNeverForAGlobDeny() throws Exception {
    Acl acl = constraints();

    assertThat(acl.exactDeny("secret/closed")).contains("secret/closed");
    assertThat(acl.exactDeny("/secret/closed")).contains("secret/closed");
    assertThat(acl.exactDeny("secret/closed/")).isEmpty();
    assertThat(acl.exactDeny("secret/closed-tree/x")).isEmpty();
    assertThat(acl.capabilities("secret/closed-tree/x")).containsExactly("deny");
    assertThat(acl.exactDeny("secret/meta/app")).isEmpty();
    assertThat(Acl.of(List.of(Policy.root())).exactDeny("secret/closed")).isEmpty();
  }

  @Test
  void aRootPolicyAmongOthersMakesTheRootAcl() throws Exception {
    Policy other = PolicyFiles.load(Fixtures.path("acl/constraints.hcl"));
    Acl acl = Acl.of(List.of(other, Policy.root()));

    assertThat(acl.capabilities("secret/closed")).containsExactly("root");
    assertThat(acl.allows(Capability.READ, "secret/wrapped")).isTrue();
  }

  @Test
  void noPoliciesMeansDenyEverywhere() {
    Acl acl = Acl.of(List.of());

    assertThat(acl.capabilities("secret/anything")).containsExactly("deny");
    assertThat(acl.capabilities("")).containsExactly("deny");
    assertThat(acl.allows(Capability.READ, "secret/anything")).isFalse();
  }

  @Test
  void capabilityWireNamesAreTheLowerCasePolicyWords() {
    assertThat(Capability.values())
        .extracting(Capability::wireName)
        .containsExactly("create", "read", "update", "patch", "delete", "list", "sudo", "deny", "subscribe",
            "recover");
    assertThat(Capability.fromWireName("read")).contains(Capability.READ);
    assertThat(Capability.fromWireName("READ")).isEmpty();
  }

  @Test
  void theQueryPathIsTrimmedOfUnicodeWhiteSpaceLikeGo() {
    assertThat(Acl.queryPath("\u00a0 secret/x\t\u2003")).isEqualTo("secret/x");
    assertThat(Acl.queryPath("secret/x\u200b")).isEqualTo("secret/x\u200b");
  }
}

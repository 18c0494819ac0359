package io.secretgate.vault.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  static String fixture(String name) {
    try (InputStream in = PolicyParserTest.class.getResourceAsStream("parser/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Policy parseFixture(String name) throws PolicyParseException {
    return PolicyParser.parse("fixture", fixture(name));
  }

  @Test
  void readsTheDocumentedExampleWithCommentsLegacyPolicyDenyAndConstraints() throws Exception {
    Policy policy = parseFixture("good/docs-example.hcl");

    assertThat(policy.rules())
        .extracting(PathRule::pattern, PathRule::kind, PathRule::capabilities)
        .containsExactly(
            tuple("secret/data/app/*", RuleKind.PREFIX, EnumSet.of(Capability.READ, Capability.LIST)),
            tuple("secret/legacy/*", RuleKind.PREFIX, EnumSet.of(Capability.READ, Capability.LIST)),
            tuple("secret/data/admin", RuleKind.EXACT, EnumSet.of(Capability.DENY)),
            tuple("secret/data/restricted", RuleKind.EXACT,
                EnumSet.of(Capability.CREATE, Capability.UPDATE)));
    PathRule restricted = policy.rules().get(3);
    assertThat(restricted.requiredParameters()).containsExactly("foo");
    assertThat(restricted.minWrappingTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(restricted.maxWrappingTtl()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void readsHeredocsNestedValuesCommasColonsEscapesAndControlGroups() throws Exception {
    Policy policy = parseFixture("good/values.hcl");

    assertThat(policy.rules())
        .extracting(PathRule::pattern, PathRule::kind, PathRule::capabilities)
        .containsExactly(
            tuple("secret/+/config", RuleKind.SEGMENT_WILDCARD, EnumSet.of(
                Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE, Capability.LIST)),
            tuple("secret/escaped/ABC", RuleKind.EXACT, EnumSet.of(Capability.PATCH)),
            tuple("secret/${not.interpolated}", RuleKind.EXACT, EnumSet.of(Capability.LIST)));
  }

  @Test
  void stopsReadingACapabilityListAtDenyAsVaultDoes() throws Exception {
    Policy policy = parseFixture("good/deny-stops-the-list.hcl");

    assertThat(policy.rules())
        .extracting(PathRule::pattern, PathRule::capabilities)
        .containsExactly(
            tuple("secret/closed", Set.of(Capability.DENY)),
            tuple("secret/closed-too", Set.of(Capability.DENY)));
  }

  @Test
  void dropsTemplatedPathsAndKeepsTheOthers() throws Exception {
    Policy policy = parseFixture("good/templated.hcl");

    assertThat(policy.rules()).extracting(PathRule::pattern).containsExactly("secret/data/shared/*");
  }

  @Test
  void readsTheJsonFormWithSeveralPathsInSourceOrder() throws Exception {
    Policy policy = parseFixture("good/several-paths.json");

    assertThat(policy.rules())
        .extracting(PathRule::pattern, PathRule::kind)
        .containsExactly(
            tuple("secret/data/a", RuleKind.EXACT),
            tuple("secret/data/b/*", RuleKind.PREFIX),
            tuple("secret/data/+/c", RuleKind.SEGMENT_WILDCARD));
    assertThat(policy.rules().get(1).capabilities())
        .containsExactlyInAnyOrder(
            Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE, Capability.LIST);
    assertThat(policy.rules().get(1).minWrappingTtl()).isEqualTo(Duration.ofMinutes(10));
  }

  @ParameterizedTest(name = "{0} is refused at line {1}, column {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      unknown-top-level-key.hcl          | 2 | 1  | invalid key "paths"
      unknown-block-key.hcl              | 3 | 3  | path "secret/a": invalid key "capability"
      unknown-capability.hcl             | 2 | 27 | path "secret/a": invalid capability "raed"
      unknown-capability-before-deny.hcl | 2 | 19 | path "secret/a": invalid capability "bogus"
      unknown-legacy-policy.hcl          | 3 | 14 | path "secret/a": invalid policy "readwrite"
      plus-star.hcl                      | 2 | 6  | path "secret/+*": invalid use of wildcards ('+*' is forbidden)
      unterminated-string.hcl            | 1 | 6  | string is not terminated
      unclosed-block.hcl                 | 1 | 17 | '{' is never closed
      missing-comma.hcl                  | 2 | 26 | expected ',' or ']' in list, found '"list"'
      heredoc-without-equals.hcl         | 2 | 11 | expected '=' or '{' after 'comment', found heredoc '<<EOT'
      unterminated-comment.hcl           | 2 | 1  | comment not terminated
      capabilities-not-a-list.hcl        | 2 | 18 | path "secret/a": capabilities must be a list of strings
      bad-duration.hcl                   | 3 | 22 | path "secret/a": error parsing max_wrapping_ttl: time: invalid duration "forever"
      huge-float-duration.hcl            | 3 | 22 | path "secret/a": error parsing min_wrapping_ttl: duration out of range
      max-below-min-ttl.hcl              | 4 | 22 | path "secret/a": max_wrapping_ttl cannot be less than min_wrapping_ttl
      illegal-character.hcl              | 1 | 42 | illegal character ';'
      labelled-assignment.hcl            | 1 | 17 | expected '{' after the labels of 'path', found '='
      path-without-block.hcl             | 1 | 8  | path must be written as path "<path>" { ... }
      name-not-a-string.hcl              | 1 | 8  | name must be a string
      bad-escape.hcl                     | 1 | 14 | illegal escape sequence in string
      control-group-without-factor.hcl   | 3 | 3  | path "secret/a": no control group factors provided
      unknown-key.json                   | 3 | 19 | path "secret/a": invalid key "capabilitys"
      trailing-content.json              | 1 | 52 | unexpected content after the JSON object
      """)
  void refusesWhatVaultRefusesAndPointsAtTheOffendingToken(String file, int line, int column, String reason) {
    assertThatThrownBy(() -> parseFixture("bad/" + file))
        .isInstanceOfSatisfying(PolicyParseException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.line()).as("line").isEqualTo(line);
          assertThat(e.column()).as("column").isEqualTo(column);
        });
  }

  @Test
  void readsTheTrailingCommasThatVaultsJsonPolicyParserAccepts() throws Exception {
    Acl acl = Acl.of(List.of(parseFixture("good/trailing-commas.json")));

    assertThat(acl.capabilities("secret/data/app/db")).containsExactly("list", "read");
    assertThat(acl.capabilities("secret/data/app/admin")).containsExactly("deny");
  }

  @Test
  void reportsMalformedJsonAtJacksonsPosition() {
    assertThatThrownBy(() -> parseFixture("bad/missing-comma.json"))
        .isInstanceOfSatisfying(PolicyParseException.class, e -> {
          assertThat(e.reason()).startsWith("invalid JSON: ");
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.column()).isEqualTo(5);
        });
  }

  @Test
  void reportsAnUnclosedJsonObjectWithoutJacksonsNoteOnItsSourceSettings() {
    assertThatThrownBy(() -> parseFixture("bad/unclosed-object.json"))
        .isInstanceOfSatisfying(PolicyParseException.class, e ->
            assertThat(e.reason()).isEqualTo("invalid JSON: Unexpected end-of-input: expected close marker for Object"));
  }

  @Test
  void refusesAbsurdlyDeepNestingAtTheFirstLevelTooDeepInsteadOfOverflowingTheStack() {
    String deep = "path \"secret/a\" {\n  capabilities = " + "[".repeat(100_000) + "\n";

    assertThatThrownBy(() -> PolicyParser.parse("deep", deep))
        .isInstanceOfSatisfying(PolicyParseException.class, e -> {
          assertThat(e.reason()).isEqualTo("nested more than 500 levels deep");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(18 + 499);
        });
  }

  @Test
  void putsThePositionAndReasonIntoTheMessage() {
    assertThatThrownBy(() -> parseFixture("bad/unknown-top-level-key.hcl"))
        .hasMessage("line 2, column 1: invalid key \"paths\"");
  }

  @Test
  void ignoresTheTextOfThePolicyNamedRootInAnyCase() throws Exception {
    Policy root = PolicyParser.parse("ROOT", fixture("bad/unterminated-string.hcl"));

    assertThat(root.isRoot()).isTrue();
    assertThat(root.name()).isEqualTo("root");
    assertThat(root.rules()).isEmpty();
  }

  @Test
  void lowerCasesPolicyNamesAsVaultStoresThem() throws Exception {
    Policy policy = PolicyParser.parse("Team-Admins", fixture("good/templated.hcl"));

    assertThat(policy.name()).isEqualTo("team-admins");
    assertThat(policy.isRoot()).isFalse();
  }

  @Test
  void acceptsAnEmptyPolicy() throws Exception {
    assertThat(PolicyParser.parse("empty", "  # nothing here\n").rules()).isEmpty();
  }
}

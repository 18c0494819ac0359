package io.secretgate.vault.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyFilesTest {

  @ParameterizedTest(name = "{0} is policy {1}")
  @CsvSource({
      "files/Secret-Reader.HCL, secret-reader",
      "files/team.json, team",
      "files/plain-policy, plain-policy",
      "files/root.hcl, root"})
  void namesThePolicyAfterTheFileWithoutItsExtensionInLowerCase(String file, String name) throws Exception {
    assertThat(PolicyFiles.load(Fixtures.path(file)).name()).isEqualTo(name);
  }

  @Test
  void readsHclAndJsonFiles() throws Exception {
    assertThat(PolicyFiles.load(Fixtures.path("files/Secret-Reader.HCL")).rules())
        .extracting(PathRule::pattern)
        .containsExactly("secret/data/reader/*");
    assertThat(PolicyFiles.load(Fixtures.path("files/team.json")).rules())
        .extracting(PathRule::pattern)
        .containsExactly("secret/data/team/*");
  }

  @Test
  void aFileNamedRootIsTheRootPolicyWhateverItContains() throws Exception {
    Policy root = PolicyFiles.load(Fixtures.path("files/root.hcl"));

    assertThat(root.isRoot()).isTrue();
    assertThat(root.rules()).isEmpty();
  }

  @Test
  void onlyTheLastHclOrJsonExtensionIsDropped() {
    assertThat(PolicyFiles.policyName(Path.of("dir/a.hcl.bak"))).isEqualTo("a.hcl.bak");
    assertThat(PolicyFiles.policyName(Path.of("dir/a.json.hcl"))).isEqualTo("a.json");
    assertThat(PolicyFiles.policyName(Path.of("A.Json"))).isEqualTo("a");
  }

  @Test
  void aMissingFileIsAnIoError() {
    assertThatThrownBy(() -> PolicyFiles.load(Path.of("does/not/exist.hcl")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @ParameterizedTest(name = "{0} is refused at line {1}, column {2}: {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      files/broken.hcl       | 1 | 17 | '{' is never closed
      files/windows-1252.hcl | 1 | 17 | not valid UTF-8 text
      """)
  void anUnparsableFileIsAParseErrorWithItsPosition(String file, int line, int column, String reason) {
    assertThatThrownBy(() -> PolicyFiles.load(Fixtures.path(file)))
        .isInstanceOfSatisfying(PolicyParseException.class, e -> {
          assertThat(e.line()).isEqualTo(line);
          assertThat(e.column()).isEqualTo(column);
          assertThat(e.reason()).isEqualTo(reason);
        });
  }
}

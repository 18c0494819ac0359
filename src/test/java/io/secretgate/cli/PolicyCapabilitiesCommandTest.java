package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCapabilitiesCommandTest {

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    List<String> full = new ArrayList<>(List.of("policy", "capabilities"));
    full.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SecretgateCommand.execute(
        full.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static String fixture(String name) {
    try {
      return Path.of(PolicyCapabilitiesCommandTest.class.getResource("policy/" + name).toURI()).toString();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }

  @Test
  void printsOneJsonObjectWithEachPathsCapabilitiesInArgumentOrder() {
    Run run = run("--policy", fixture("app-reader.hcl"), "--policy", fixture("app-writer.hcl"),
        "sys/seal", "secret/data/app/db", "secret/metadata/app/");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo(
        "{\"sys/seal\":[\"deny\"],\"secret/data/app/db\":[\"create\",\"read\",\"update\"],"
            + "\"secret/metadata/app/\":[\"list\"]}" + System.lineSeparator());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void answersRootForAPolicyFileNamedRoot() {
    Run run = run("--policy", fixture("root.hcl"), "secret/data/anything");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).isEqualTo("{\"secret/data/anything\":[\"root\"]}" + System.lineSeparator());
  }

  @Test
  void answersUnderThePathTrimmedOfWhiteSpaceAsVaultDoes() {
    Run run = run("--policy", fixture("app-reader.hcl"), " secret/data/app/db ");

    assertThat(run.out()).isEqualTo("{\"secret/data/app/db\":[\"read\"]}" + System.lineSeparator());
  }

  @Test
  void refusesAPathThatIsEmptyOnceTrimmedAsVaultDoesWithMissingPath() {
    Run run = run("--policy", fixture("app-reader.hcl"), "secret/data/app/db", " ");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(
        "secretgate: PATH \" \": missing path (Vault refuses an empty path)" + System.lineSeparator());
  }

  @Test
  void reportsAnUnparsablePolicyAsFileLineColumnAndExitsTwo() {
    String typo = fixture("typo.hcl");

    Run run = run("--policy", fixture("app-reader.hcl"), "--policy", typo, "secret/data/app/db");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: " + typo
        + ":2:27: path \"secret/data/app/*\": invalid capability \"wrte\"" + System.lineSeparator());
  }

  @Test
  void reportsAPolicyFileThatIsNotUtf8AtTheLineAndColumnOfItsFirstBadByte() {
    String windows1252 = fixture("windows-1252.hcl");

    Run run = run("--policy", windows1252, "secret/data/app/db");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: " + windows1252 + ":1:17: not valid UTF-8 text" + System.lineSeparator());
  }

  @Test
  void reportsAnUnreadableFileOnOneLineAndExitsTwo() {
    String missing = Path.of("no", "such", "policy.hcl").toString();

    Run run = run("--policy", missing, "secret/data/app/db");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("secretgate: " + missing + ": no such file" + System.lineSeparator());
  }

  @Test
  void reportsADirectoryGivenAsPolicyFileWithoutAStackTrace() {
    String directory = Path.of(fixture("root.hcl")).getParent().toString();

    Run run = run("--policy", directory, "secret/data/app/db");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.err()).isEqualTo("secretgate: " + directory + ": is a directory" + System.lineSeparator());
  }

  @Test
  void requiresAtLeastOnePolicy() {
    Run run = run("secret/data/app/db");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("Missing required option: '--policy=FILE'");
  }

  @Test
  void requiresAtLeastOnePath() {
    Run run = run("--policy", fixture("app-reader.hcl"));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("Missing required parameter: 'PATH'");
  }
}

package io.secretgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code validate --format json} over ESO's documented Vault-provider manifests: the valid set
 * gives the reviewed golden verdicts and exact Vault paths; every manifest ESO's schema refuses is
 * denied with INVALID_SPEC at the field its header names.
 */
class EsoDocumentedManifestsValidateTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Path INVALID = Path.of("src/test/resources/eso-docs/invalid-schema");

  @Test
  void the_documented_manifests_get_the_golden_verdicts_and_vault_paths() throws IOException {
    CliRun run = CliRun.of("validate", "--format", "json", "src/test/resources/eso-docs/valid/");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDING);
    JsonNode golden = JSON.readTree(Files.readString(Path.of("src/test/resources/io/secretgate/cli/validate/eso-docs-valid.golden.json")));
    assertThat(JSON.readTree(run.out())).isEqualTo(golden);
  }

  static Stream<Path> invalid() throws IOException {
    try (Stream<Path> files = Files.list(INVALID)) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void a_manifest_esos_schema_refuses_is_denied_as_invalid_spec_at_its_field(Path file) throws IOException {
    String expected = Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect:")).findFirst().orElseThrow()
        .substring("# expect:".length()).trim();
    CliRun run = CliRun.of("validate", "--format", "json", file.toString());
    JsonNode docs = JSON.readTree(run.out()).path("documents");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FINDING);
    List<String> fields = docs.findValues("violations").stream().flatMap(v -> v.valueStream())
        .filter(v -> v.path("code").asString().equals("INVALID_SPEC")).map(v -> v.path("field").asString()).toList();
    assertThat(fields).contains(expected);
  }
}

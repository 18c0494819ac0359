package io.secretgate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.schema.CrdSchemas;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table test over fixture files in {@code cases/}: each file holds stores, namespaces and ONE
 * ExternalSecret, and header comments say what the verdict must be:
 * <pre>
 * # grant: PATH CAP[,CAP]        what the (fake) policy oracle answers for a path; others are [deny]
 * # no-policy                    the oracle knows nothing about any store
 * # expect: CODE FIELD [| text]  a violation (all must be listed; text is a substring of the message)
 * # expect-path: FIELD PATH CAP  a resolved Vault path (all must be listed, in order)
 * # expect-warning: text         a warning containing text
 * # document: KIND               assert the verdict of the first document of KIND (default ExternalSecret)
 * </pre>
 */
class ValidationCasesTest {

  static Stream<Path> cases() throws IOException, URISyntaxException {
    Path dir = Path.of(ValidationCasesTest.class.getResource("cases").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void each_case_gets_exactly_the_verdict_its_header_states(Path file) throws IOException {
    String text = Files.readString(file);
    Header h = Header.parse(text);
    ManifestSet set = ManifestReader.parse(file.getFileName().toString(), text);
    assertThat(set.problems()).isEmpty();
    PolicyOracle oracle = h.noPolicy ? PolicyOracle.none() : new FakeOracle(h.grants);
    List<DocumentResult> results = new ManifestValidation(CrdSchemas.fromClasspath(), oracle, "default").validate(set);
    DocumentResult es = results.stream().filter(r -> r.kind().equals(h.document)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + h.document + " listed in " + results));
    Verdict v = es.verdict();

    assertThat(v.violations()).as("violations").hasSize(h.violations.size());
    for (int i = 0; i < h.violations.size(); i++) {
      String[] want = h.violations.get(i);
      Violation got = v.violations().get(i);
      assertThat(got.code().name() + " " + got.field()).as("violation %d", i).isEqualTo(want[0]);
      if (want.length > 1) assertThat(got.message()).as("message of violation %d", i).contains(want[1]);
    }
    assertThat(v.vaultPaths()).as("vault paths")
        .containsExactlyElementsOf(h.paths.stream().map(p -> new VaultPathUse(p[0], p[1], p[2])).toList());
    for (String w : h.warnings) assertThat(v.warnings()).as("warnings").anyMatch(x -> x.contains(w));
    if (h.warnings.isEmpty()) assertThat(v.warnings()).as("warnings").isEmpty();
    assertThat(v.allowed()).isEqualTo(h.violations.isEmpty());
  }

  /** A hand-written oracle: exact paths to capabilities, everything else [deny]. */
  static final class FakeOracle implements PolicyOracle {
    final Map<String, List<String>> grants;

    FakeOracle(Map<String, List<String>> grants) {
      this.grants = grants;
    }

    @Override
    public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (String p : paths) out.put(p, grants.getOrDefault(p, List.of("deny")));
      return Optional.of(out);
    }
  }

  static final class Header {
    final Map<String, List<String>> grants = new LinkedHashMap<>();
    final List<String[]> violations = new ArrayList<>();
    final List<String[]> paths = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    boolean noPolicy;
    String document = "ExternalSecret";

    static Header parse(String text) {
      Header h = new Header();
      for (String line : text.split("\n")) {
        if (!line.startsWith("# ")) continue;
        String l = line.substring(2).trim();
        if (l.startsWith("grant:")) {
          String[] p = l.substring(6).trim().split("\\s+");
          h.grants.put(p[0], List.of(p[1].split(",")));
        } else if (l.startsWith("document:")) {
          h.document = l.substring(9).trim();
        } else if (l.equals("no-policy")) {
          h.noPolicy = true;
        } else if (l.startsWith("expect:")) {
          String[] parts = l.substring(7).split("\\|", 2);
          h.violations.add(parts.length > 1 ? new String[] {parts[0].trim(), parts[1].trim()} : new String[] {parts[0].trim()});
        } else if (l.startsWith("expect-path:")) {
          h.paths.add(l.substring(12).trim().split("\\s+"));
        } else if (l.startsWith("expect-warning:")) {
          h.warnings.add(l.substring(15).trim());
        }
      }
      return h;
    }
  }
}

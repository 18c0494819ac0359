package io.secretgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Helm chart ships a copy of the generated CRDs; it must be the same bytes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CrdCopyTest {
  static final List<String> CRDS = List.of(
      "externalsecrets.external-secrets.io-v1.yml",
      "secretstores.external-secrets.io-v1.yml",
      "clustersecretstores.external-secrets.io-v1.yml");
  private static final String REFRESH = "refresh the chart's copy: cp target/classes/META-INF/fabric8/*.yml helm/secretgate/files/crds/";

  private static Path chartCrds() {
    return Path.of(System.getProperty("secretgate.basedir", System.getProperty("user.dir")), "helm", "secretgate", "files", "crds");
  }

  static List<String> crds() {
    return CRDS;
  }

  @ParameterizedTest
  @MethodSource("crds")
  void the_charts_crd_is_byte_for_byte_the_generated_one(String name) throws IOException {
    byte[] generated;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/fabric8/" + name)) {
      assertThat(in).as("generated CRD META-INF/fabric8/" + name + " (run mvn process-classes)").isNotNull();
      generated = in.readAllBytes();
    }
    Path copy = chartCrds().resolve(name);
    assertThat(copy).as("helm/secretgate/files/crds/" + name + " is missing; " + REFRESH).exists();

    byte[] copied = Files.readAllBytes(copy);
    assertThat(Arrays.equals(copied, generated))
        .as("helm/secretgate/files/crds/" + name + " differs from the generated CRD (" + firstDifference(copied, generated) + "); " + REFRESH)
        .isTrue();
  }

  private static String firstDifference(byte[] copied, byte[] generated) {
    List<String> a = new String(copied, StandardCharsets.UTF_8).lines().toList();
    List<String> b = new String(generated, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end of file>";
      String right = i < b.size() ? b.get(i) : "<end of file>";
      if (!left.equals(right)) return "line " + (i + 1) + ": chart has '" + left.strip() + "', generated has '" + right.strip() + "'";
    }
    return "line endings or trailing bytes";
  }

  @Test
  void the_chart_holds_no_crd_the_build_does_not_generate() throws IOException {
    try (Stream<Path> files = Files.list(chartCrds())) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .as("helm/secretgate/files/crds/ should hold exactly the generated CRDs; " + REFRESH)
          .containsExactlyInAnyOrderElementsOf(CRDS);
    }
  }
}

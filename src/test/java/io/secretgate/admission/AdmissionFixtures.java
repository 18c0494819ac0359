package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.AclPolicyOracle;
import io.secretgate.validation.ManifestStores;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.schema.CrdSchemas;
import io.secretgate.vault.policy.Acl;
import io.secretgate.vault.policy.PolicyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admission test fixtures under {@code src/test/resources/io/secretgate/admission/}: the
 * cluster (namespaces and stores in {@code cluster.yaml}), the token policy ({@code policy.hcl}),
 * AdmissionReview requests as kube-apiserver sends them ({@code requests/}) and golden answers
 * ({@code golden/}). Run with {@code -Dsecretgate.updateGolden=true} to write missing golden
 * files; review them before committing.
 */
final class AdmissionFixtures {
  static final Path DIR = Path.of("src/test/resources/io/secretgate/admission");
  static final CrdSchemas SCHEMAS = CrdSchemas.fromClasspath();
  static final JsonMapper JSON = JsonMapper.builder().build();

  private AdmissionFixtures() {}

  /** The namespaces and stores of {@code cluster.yaml}. */
  static StoreLookup cluster() {
    ManifestSet set = ManifestReader.parse("cluster.yaml", read(DIR.resolve("cluster.yaml")));
    assertThat(set.problems()).isEmpty();
    return ManifestStores.from(set, SCHEMAS, "default");
  }

  /** Every store's token holds {@code policy.hcl}. */
  static PolicyOracle policy() {
    try {
      return new AclPolicyOracle(Optional.of(Acl.of(List.of(PolicyFiles.load(DIR.resolve("policy.hcl"))))), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ValidatingAdmission admission(AdmissionSettings settings) {
    return new ValidatingAdmission(SCHEMAS, cluster(), policy(), settings);
  }

  static ValidatingAdmission admission(PolicyOracle oracle, AdmissionSettings settings) {
    return new ValidatingAdmission(SCHEMAS, cluster(), oracle, settings);
  }

  static byte[] request(String name) {
    try {
      return Files.readAllBytes(DIR.resolve("requests").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode requestTree(String name) {
    return JSON.readTree(request(name));
  }

  static JsonNode tree(String json) {
    return JSON.readTree(json);
  }

  /** {@code body} pretty-printed, key order kept: what golden files hold. */
  static String pretty(String body) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body)) + "\n";
  }

  /** The golden file's text; a missing one is written from {@code actual} under -Dsecretgate.updateGolden=true. */
  static String golden(String name, String actual) {
    Path file = DIR.resolve("golden").resolve(name);
    try {
      if (!Files.exists(file) && Boolean.getBoolean("secretgate.updateGolden")) Files.writeString(file, actual, StandardCharsets.UTF_8);
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": no golden file (run with -Dsecretgate.updateGolden=true to write it)", e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

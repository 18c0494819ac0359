package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.admission.AdmissionSettings;
import io.secretgate.admission.MutatingAdmission;
import io.secretgate.admission.ValidatingAdmission;
import io.secretgate.inject.KnownSecrets;
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

/** The admission fixtures (src/test/resources/io/secretgate/admission/) as the server tests use them. */
final class WebhookFixtures {
  static final Path DIR = Path.of("src/test/resources/io/secretgate/admission");
  static final CrdSchemas SCHEMAS = CrdSchemas.fromClasspath();
  static final JsonMapper JSON = JsonMapper.builder().build();

  private WebhookFixtures() {}

  static StoreLookup cluster() {
    ManifestSet set = ManifestReader.parse("cluster.yaml", text(DIR.resolve("cluster.yaml")));
    assertThat(set.problems()).isEmpty();
    return ManifestStores.from(set, SCHEMAS, "default");
  }

  static PolicyOracle policy() {
    try {
      return new AclPolicyOracle(Optional.of(Acl.of(List.of(PolicyFiles.load(DIR.resolve("policy.hcl"))))), Map.of());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ValidatingAdmission admission(AdmissionSettings settings) {
    return new ValidatingAdmission(SCHEMAS, cluster(), policy(), settings);
  }

  static final Path INJECT = Path.of("src/test/resources/io/secretgate/inject");

  /** The mutating webhook with the facts of inject/secrets.yaml. */
  static MutatingAdmission mutating() {
    return new MutatingAdmission(new KnownSecrets()
        .externalSecret("payments", "db-credentials", "db-credentials").externalSecret("payments", "api-keys", "api-keys")
        .managedSecret("payments", "db-credentials"));
  }

  static byte[] podRequest(String name) {
    try {
      return Files.readAllBytes(INJECT.resolve("requests").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] request(String name) {
    try {
      return Files.readAllBytes(DIR.resolve("requests").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode golden(String name) {
    return JSON.readTree(text(DIR.resolve("golden").resolve(name)));
  }

  static JsonNode tree(String json) {
    return JSON.readTree(json);
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.secretgate.validation.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.SecretStore;
import io.fabric8.kubernetes.client.CustomResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * ESO's documented Vault-provider manifests against our generated CRDs: the valid ones pass the
 * schema untouched and bind into the typed model without losing a field; the ones ESO's schema
 * refuses are refused at the same field.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EsoDocumentedManifestsTest {
  private static final CrdSchemas SCHEMAS = CrdSchemas.fromClasspath();
  private static final Pattern EXPECT = Pattern.compile("\\A# expect: (\\S+)\\R");
  private static final Map<String, Class<? extends CustomResource<?, ?>>> MODEL = Map.of(
      "ExternalSecret", ExternalSecret.class,
      "SecretStore", SecretStore.class,
      "ClusterSecretStore", ClusterSecretStore.class);

  static List<YamlFixtures.Document> validDocuments() {
    return YamlFixtures.documents("eso-docs/valid");
  }

  static Stream<Path> invalidFiles() {
    return YamlFixtures.files("eso-docs/invalid-schema").stream();
  }

  @Test
  void the_valid_corpus_covers_every_kind_in_both_versions_with_at_least_fifteen_documents() {
    List<YamlFixtures.Document> docs = validDocuments();
    assertThat(docs).hasSizeGreaterThanOrEqualTo(15);
    assertThat(docs).extracting(d -> d.apiVersion() + " " + d.kind()).contains(
        "external-secrets.io/v1 ExternalSecret", "external-secrets.io/v1beta1 ExternalSecret",
        "external-secrets.io/v1 SecretStore", "external-secrets.io/v1beta1 SecretStore",
        "external-secrets.io/v1 ClusterSecretStore");
  }

  @Test
  void every_fixture_file_names_the_eso_doc_it_came_from() {
    for (Path file : YamlFixtures.files("eso-docs/valid")) {
      assertThat(YamlFixtures.text(file)).as(file.toString()).startsWith("# ESO docs: docs/");
    }
    for (Path file : YamlFixtures.files("eso-docs/invalid-schema")) {
      assertThat(YamlFixtures.text(file).lines().skip(1).findFirst().orElse("")).as(file.toString()).containsPattern("docs/");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validDocuments")
  void a_documented_manifest_passes_our_schema_without_any_finding(YamlFixtures.Document doc) {
    StructuralSchema schema = SCHEMAS.schemaFor(doc.apiVersion(), doc.kind()).orElseThrow();

    assertThat(schema.validate(doc.node())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validDocuments")
  void a_documented_manifest_binds_into_the_typed_model_with_every_field_intact(YamlFixtures.Document doc) {
    CustomResource<?, ?> bound = YamlFixtures.YAML.treeToValue(doc.node(), MODEL.get(doc.kind()));
    JsonNode back = YamlFixtures.YAML.valueToTree(bound);

    assertThat(bound.getMetadata().getName()).isEqualTo(doc.node().path("metadata").path("name").asString());
    assertThat(back.path("metadata").path("labels")).isEqualTo(doc.node().path("metadata").path("labels"));
    assertThat(back.path("metadata").path("annotations")).isEqualTo(doc.node().path("metadata").path("annotations"));
    assertThat(back.get("spec")).isEqualTo(doc.node().get("spec"));
    assertThat(back.path("status")).isEqualTo(doc.node().path("status"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void a_manifest_esos_schema_refuses_is_refused_at_the_field_its_fixture_names(Path file) {
    String text = YamlFixtures.text(file);
    Matcher expect = EXPECT.matcher(text);
    assertThat(expect.find()).as("first line of " + file + " is '# expect: <field>'").isTrue();
    List<YamlFixtures.Document> docs = YamlFixtures.documents(file);
    assertThat(docs).hasSize(1);
    JsonNode object = docs.get(0).node();
    StructuralSchema schema = SCHEMAS.schemaFor(docs.get(0).apiVersion(), docs.get(0).kind()).orElseThrow();

    List<SchemaFinding> errors = schema.validate(object).stream().filter(SchemaFinding::isError).toList();

    assertThat(errors).isNotEmpty().allSatisfy(f -> assertThat(f.field()).isEqualTo(expect.group(1)));
  }

  @Test
  void a_documented_field_newer_than_our_model_is_reported_as_pruned_not_refused() {
    JsonNode object = YamlFixtures.read("eso-docs/unmodelled/datafrom-select-vault.yaml");

    List<SchemaFinding> findings = SCHEMAS.schemaFor("external-secrets.io/v1", "ExternalSecret").orElseThrow().validate(object);

    assertThat(findings).containsExactly(
        SchemaFinding.warning("spec.dataFrom[0].select", "unknown field \"spec.dataFrom[0].select\""));
  }
}

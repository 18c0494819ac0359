package io.secretgate.validation.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CrdSchemasTest {
  private static final CrdSchemas SCHEMAS = CrdSchemas.fromClasspath();

  @Test
  void the_generated_crds_give_a_schema_for_each_kind_in_v1_and_in_unserved_v1beta1() {
    assertThat(SCHEMAS.known()).containsExactly(
        "external-secrets.io/v1 ClusterSecretStore", "external-secrets.io/v1 ExternalSecret", "external-secrets.io/v1 SecretStore",
        "external-secrets.io/v1beta1 ClusterSecretStore", "external-secrets.io/v1beta1 ExternalSecret",
        "external-secrets.io/v1beta1 SecretStore");
  }

  @Test
  void a_kind_or_version_without_a_crd_has_no_schema() {
    assertThat(SCHEMAS.schemaFor("external-secrets.io/v1alpha1", "ExternalSecret")).isEmpty();
    assertThat(SCHEMAS.schemaFor("external-secrets.io/v1", "PushSecret")).isEmpty();
    assertThat(SCHEMAS.schemaFor("v1", "Secret")).isEmpty();
    assertThat(SCHEMAS.schemaFor(null, "ExternalSecret")).isEmpty();
  }

  @Test
  void each_version_gets_its_own_schema_from_the_crd() {
    JsonNode crd = YamlFixtures.read("schema-keywords/two-version.crd.yaml");
    CrdSchemas schemas = CrdSchemas.fromCrds(List.of(crd));
    JsonNode object = YamlFixtures.YAML.readTree("apiVersion: example.io/v1\nkind: Widget\nspec: {size: 3}\n");

    assertThat(schemas.schemaFor("example.io/v1", "Widget").orElseThrow().validate(object)).isEmpty();
    assertThat(schemas.schemaFor("example.io/v2", "Widget").orElseThrow().validate(object)).extracting(SchemaFinding::field)
        .containsExactly("spec.size");
  }

  @Test
  void a_document_that_is_not_a_crd_is_refused() {
    JsonNode secret = YamlFixtures.YAML.readTree("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");

    assertThatThrownBy(() -> CrdSchemas.fromCrds(List.of(secret))).isInstanceOf(IllegalArgumentException.class);
  }
}

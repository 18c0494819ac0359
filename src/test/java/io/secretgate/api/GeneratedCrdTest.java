package io.secretgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** What the crd-generator makes of the model, where ESO's CRD is the reference. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeneratedCrdTest {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static JsonNode crd(String plural) throws IOException {
    try (InputStream in = GeneratedCrdTest.class.getClassLoader()
        .getResourceAsStream("META-INF/fabric8/" + plural + ".external-secrets.io-v1.yml")) {
      assertThat(in).as(plural + " CRD on the classpath").isNotNull();
      return YAML.readTree(in);
    }
  }

  private static JsonNode version(JsonNode crd, String name) {
    for (JsonNode v : crd.path("spec").path("versions")) if (v.path("name").asString().equals(name)) return v;
    throw new AssertionError("no version " + name);
  }

  private static List<String> columns(JsonNode version) {
    List<String> names = new ArrayList<>();
    for (JsonNode c : version.path("additionalPrinterColumns")) names.add(c.path("name").asString().toUpperCase());
    return names;
  }

  @Test
  void kubectl_get_externalsecrets_shows_esos_columns_in_esos_order() throws IOException {
    JsonNode crd = crd("externalsecrets");
    for (String v : List.of("v1", "v1beta1")) {
      assertThat(columns(version(crd, v))).as(v)
          .containsExactly("STORETYPE", "STORE", "REFRESH INTERVAL", "STATUS", "READY", "LAST SYNC");
    }
  }

  @Test
  void kubectl_get_stores_shows_esos_columns_in_esos_order() throws IOException {
    for (String plural : List.of("secretstores", "clustersecretstores")) {
      for (String v : List.of("v1", "v1beta1")) {
        assertThat(columns(version(crd(plural), v))).as(plural + " " + v).containsExactly("AGE", "STATUS", "CAPABILITIES", "READY");
      }
    }
  }

  @Test
  void v1_is_served_and_stored_and_v1beta1_is_present_but_neither() throws IOException {
    for (String plural : List.of("externalsecrets", "secretstores", "clustersecretstores")) {
      JsonNode crd = crd(plural);
      assertThat(version(crd, "v1").path("served").asBoolean()).isTrue();
      assertThat(version(crd, "v1").path("storage").asBoolean()).isTrue();
      assertThat(version(crd, "v1beta1").path("served").asBoolean()).isFalse();
      assertThat(version(crd, "v1beta1").path("storage").asBoolean()).isFalse();
      assertThat(version(crd, "v1beta1").path("deprecated").asBoolean()).isTrue();
    }
  }

  @Test
  void a_namespace_selector_expression_needs_its_key_and_operator_as_in_esos() throws IOException {
    for (String plural : List.of("secretstores", "clustersecretstores")) {
      JsonNode expression = version(crd(plural), "v1").at("/schema/openAPIV3Schema/properties/spec/properties/conditions/items"
          + "/properties/namespaceSelector/properties/matchExpressions/items");

      assertThat(expression.path("required").valueStream().map(JsonNode::asString).toList()).as(plural).containsExactly("key", "operator");
    }
  }

  @Test
  void the_vault_ca_bundle_is_declared_as_base64_bytes_like_esos() throws IOException {
    JsonNode caBundle = version(crd("secretstores"), "v1").at(
        "/schema/openAPIV3Schema/properties/spec/properties/provider/properties/vault/properties/caBundle");

    assertThat(caBundle.path("type").asString()).isEqualTo("string");
    assertThat(caBundle.path("format").asString()).isEqualTo("byte");
  }
}

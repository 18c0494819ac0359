package io.secretgate.admission;

import static io.secretgate.admission.AdmissionFixtures.requestTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.StoreKind;
import io.secretgate.validation.Store;
import io.secretgate.validation.StoreLookup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Enforcement: global deny|warn, overridden per namespace by the label secretgate.io/enforcement.
 * The request is orders/api-keys, which reads a Vault path its store's token may not read.
 */
class EnforcementTest {
  static final String DENIED = "create-v1-denied-path.json";

  /** The stores of the fixture cluster, with the namespace "orders" labelled {@code labels} (empty: labels unknown). */
  static ValidatingAdmission admission(Enforcement global, Optional<Map<String, String>> labels) {
    StoreLookup cluster = AdmissionFixtures.cluster();
    StoreLookup stores = new StoreLookup() {
      @Override
      public Optional<Store> find(StoreKind kind, String name, String namespace) {
        return cluster.find(kind, name, namespace);
      }

      @Override
      public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return namespace.equals("orders") ? labels : cluster.namespaceLabels(namespace);
      }
    };
    return new ValidatingAdmission(AdmissionFixtures.SCHEMAS, stores, AdmissionFixtures.policy(), new AdmissionSettings(global, VaultUnavailablePolicy.WARN));
  }

  static JsonNode answer(Enforcement global, Map<String, String> labels, String request) {
    return ValidatingAdmissionTest.response(admission(global, Optional.of(labels)), requestTree(request));
  }

  static List<String> warnings(JsonNode response) {
    return response.has("warnings") ? response.get("warnings").valueStream().map(JsonNode::asString).toList() : List.of();
  }

  @Test
  void a_namespace_labelled_warn_admits_a_violation_as_warnings_when_the_global_setting_is_deny() {
    JsonNode r = answer(Enforcement.DENY, Map.of("secretgate.io/enforcement", "warn"), DENIED);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("status")).isFalse();
    assertThat(warnings(r)).containsExactly(
        "would be denied, admitted because enforcement is warn: ExternalSecret orders/api-keys",
        "spec.data[0].remoteRef.key: PATH_NOT_PERMITTED: the store's token may not \"read\" secret/data/infra/root-ca");
  }

  @Test
  void a_long_name_is_what_the_cut_takes_never_that_the_object_would_be_denied() {
    ObjectNode review = (ObjectNode) requestTree(DENIED);
    String name = "api-keys-" + "x".repeat(200);
    ((ObjectNode) review.get("request").get("object").get("metadata")).put("name", name);
    ((ObjectNode) review.get("request")).put("name", name);
    JsonNode r = ValidatingAdmissionTest.response(admission(Enforcement.DENY, Optional.of(Map.of("secretgate.io/enforcement", "warn"))), review);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(warnings(r).get(0)).startsWith("would be denied, admitted because enforcement is warn: ExternalSecret orders/api-keys-xxx")
        .endsWith(AdmissionWarnings.ELLIPSIS).hasSize(AdmissionWarnings.MAX_LENGTH);
  }

  @Test
  void a_namespace_labelled_deny_refuses_when_the_global_setting_is_warn() {
    JsonNode r = answer(Enforcement.WARN, Map.of("secretgate.io/enforcement", "deny"), DENIED);
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.get("status").get("code").asInt()).isEqualTo(403);
    assertThat(warnings(r)).isEmpty();
  }

  @ParameterizedTest(name = "global {0}")
  @EnumSource(Enforcement.class)
  void without_the_label_the_global_setting_applies(Enforcement global) {
    JsonNode r = answer(global, Map.of("team", "orders"), DENIED);
    assertThat(r.get("allowed").asBoolean()).isEqualTo(global == Enforcement.WARN);
  }

  @ParameterizedTest(name = "global {0}")
  @EnumSource(Enforcement.class)
  void a_namespace_whose_labels_are_not_known_gets_the_global_setting(Enforcement global) {
    JsonNode r = ValidatingAdmissionTest.response(admission(global, Optional.empty()), requestTree(DENIED));
    assertThat(r.get("allowed").asBoolean()).isEqualTo(global == Enforcement.WARN);
  }

  @ParameterizedTest(name = "label value \"{0}\"")
  @ValueSource(strings = {"WARN", "Warn", "warn ", "audit", "", "dryrun"})
  void a_label_value_other_than_deny_or_warn_is_ignored_with_a_warning(String value) {
    JsonNode denied = answer(Enforcement.DENY, Map.of("secretgate.io/enforcement", value), DENIED);
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(warnings(denied)).containsExactly("namespace \"orders\": label secretgate.io/enforcement=\"" + value
        + "\" is neither deny nor warn; ignored, enforcement is deny");

    JsonNode warned = answer(Enforcement.WARN, Map.of("secretgate.io/enforcement", value), DENIED);
    assertThat(warned.get("allowed").asBoolean()).isTrue();
    assertThat(warnings(warned).get(0)).isEqualTo("namespace \"orders\": label secretgate.io/enforcement=\"" + value
        + "\" is neither deny nor warn; ignored, enforcement is warn");
  }

  @Test
  void an_allowed_object_in_a_warn_namespace_gets_no_warning_at_all() {
    ObjectNode review = (ObjectNode) requestTree(DENIED);
    ((ObjectNode) review.get("request").get("object").get("spec")).remove("data");
    JsonNode r = ValidatingAdmissionTest.response(admission(Enforcement.DENY, Optional.of(Map.of("secretgate.io/enforcement", "warn"))), review);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void warn_mode_still_refuses_an_object_that_is_not_a_well_formed_external_secret() {
    JsonNode r = answer(Enforcement.WARN, Map.of("secretgate.io/enforcement", "warn"), "create-spec-is-a-string.json");
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.get("status").get("code").asInt()).isEqualTo(400);
  }

  @Test
  void enforcement_values_read_as_in_the_label() {
    assertThat(Enforcement.fromText("deny")).contains(Enforcement.DENY);
    assertThat(Enforcement.fromText("warn")).contains(Enforcement.WARN);
    assertThat(Enforcement.fromText("Deny")).isEmpty();
    assertThat(Enforcement.fromText(null)).isEmpty();
    assertThat(AdmissionSettings.DEFAULTS).isEqualTo(new AdmissionSettings(Enforcement.DENY, VaultUnavailablePolicy.WARN));
  }
}

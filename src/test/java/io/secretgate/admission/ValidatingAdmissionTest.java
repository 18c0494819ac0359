package io.secretgate.admission;

import static io.secretgate.admission.AdmissionFixtures.JSON;
import static io.secretgate.admission.AdmissionFixtures.requestTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.StoreKind;
import io.secretgate.manifest.ManifestReader;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.ManifestStores;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.Store;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.StoreLookupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The admission rules one by one, on the fixture requests and variations of them. */
class ValidatingAdmissionTest {
  final ValidatingAdmission admission = AdmissionFixtures.admission(AdmissionSettings.DEFAULTS);

  JsonNode response(JsonNode review) {
    return response(admission, review);
  }

  static JsonNode response(ValidatingAdmission admission, JsonNode review) {
    AdmissionAnswer answer = admission.answer(JSON.writeValueAsBytes(review));
    assertThat(answer).isInstanceOf(AdmissionAnswer.Review.class);
    return JSON.readTree(answer.body()).get("response");
  }

  static ObjectNode request(ObjectNode review) {
    return (ObjectNode) review.get("request");
  }

  @Test
  void a_dry_run_gets_exactly_the_answer_of_the_same_request_without_dry_run() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-denied-path.json");
    String plain = admission.answer(JSON.writeValueAsBytes(review)).body();
    request(review).put("dryRun", true);
    ((ObjectNode) request(review).get("options")).putArray("dryRun").add("All");
    assertThat(admission.answer(JSON.writeValueAsBytes(review)).body()).isEqualTo(plain);
  }

  @Test
  void the_dry_run_fixture_is_answered_like_the_plain_create_but_for_its_uid() {
    JsonNode dry = response(requestTree("create-v1-denied-path-dry-run.json"));
    JsonNode plain = response(requestTree("create-v1-denied-path.json"));
    assertThat(((ObjectNode) dry.deepCopy()).put("uid", "x")).isEqualTo(((ObjectNode) plain.deepCopy()).put("uid", "x"));
  }

  @Test
  void every_review_echoes_the_uid_exactly_and_never_carries_a_patch() throws IOException {
    try (Stream<Path> files = Files.list(AdmissionFixtures.DIR.resolve("requests"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode review = JSON.readTree(Files.readAllBytes(file));
        AdmissionAnswer answer = admission.answer(Files.readAllBytes(file));
        if (!(answer instanceof AdmissionAnswer.Review r)) continue;
        JsonNode response = JSON.readTree(r.json()).get("response");
        assertThat(response.get("uid").asString()).as(file.toString()).isEqualTo(review.get("request").get("uid").asString());
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("patchType")).isFalse();
      }
    }
  }

  @Test
  void connect_is_allowed_without_checks() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-denied-path.json");
    request(review).put("operation", "CONNECT").putNull("object").putNull("options");
    JsonNode response = response(review);
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.has("status")).isFalse();
  }

  @Test
  void delete_is_allowed_even_when_the_old_object_would_be_denied() {
    ObjectNode review = (ObjectNode) requestTree("delete.json");
    request(review).set("oldObject", requestTree("create-v1-denied-path.json").get("request").get("object"));
    assertThat(response(review).get("allowed").asBoolean()).isTrue();
  }

  @Test
  void an_update_without_an_old_object_is_checked_like_a_create() {
    ObjectNode review = (ObjectNode) requestTree("update-labels-only-store-gone.json");
    request(review).putNull("oldObject");
    JsonNode response = response(review);
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("message").asString()).contains("STORE_NOT_FOUND: SecretStore \"decommissioned\" not found");
  }

  @Test
  void an_update_that_keeps_a_denied_spec_is_allowed_so_the_object_can_be_finalised() {
    ObjectNode review = (ObjectNode) requestTree("update-spec-changed-denied.json");
    request(review).set("oldObject", request(review).get("object").deepCopy());
    ((ObjectNode) request(review).get("object").get("metadata")).putArray("finalizers");
    assertThat(response(review).get("allowed").asBoolean()).isTrue();
  }

  @Test
  void an_update_that_changes_the_spec_is_checked_whatever_else_changed() {
    ObjectNode review = (ObjectNode) requestTree("update-labels-only-store-gone.json");
    ((ObjectNode) request(review).get("object").get("spec")).put("refreshInterval", "5m");
    assertThat(response(review).get("allowed").asBoolean()).isFalse();
  }

  @Test
  void the_request_namespace_is_the_object_namespace_when_the_object_names_none() {
    ObjectNode review = (ObjectNode) requestTree("create-store-not-allowed.json");
    ((ObjectNode) request(review).get("object").get("metadata")).remove("namespace");
    assertThat(response(review).get("status").get("message").asString())
        .startsWith("ExternalSecret marketing/crm denied:").contains("STORE_NOT_ALLOWED_IN_NAMESPACE");
  }

  @Test
  void the_request_namespace_wins_over_the_object_namespace() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    request(review).put("namespace", "marketing");
    assertThat(response(review).get("status").get("message").asString())
        .startsWith("ExternalSecret marketing/db-credentials denied:").contains("STORE_NOT_ALLOWED_IN_NAMESPACE");
  }

  @Test
  void the_object_namespace_is_used_when_the_request_names_none() {
    ObjectNode review = (ObjectNode) requestTree("create-store-not-allowed.json");
    request(review).remove("namespace");
    assertThat(response(review).get("status").get("message").asString()).startsWith("ExternalSecret marketing/crm denied:");
  }

  @Test
  void an_external_secret_without_any_namespace_is_a_bad_request() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    request(review).remove("namespace");
    ((ObjectNode) request(review).get("object").get("metadata")).remove("namespace");
    JsonNode status = response(review).get("status");
    assertThat(status.get("code").asInt()).isEqualTo(400);
    assertThat(status.get("reason").asString()).isEqualTo("BadRequest");
    assertThat(status.get("message").asString()).contains("has no namespace");
  }

  @ParameterizedTest(name = "operation {0}")
  @ValueSource(strings = {"PATCH", "create", ""})
  void an_operation_that_is_not_one_of_the_four_is_a_bad_request(String op) {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    request(review).put("operation", op);
    JsonNode response = response(review);
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("code").asInt()).isEqualTo(400);
  }

  @Test
  void a_create_without_an_object_is_a_bad_request() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    request(review).putNull("object");
    JsonNode response = response(review);
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("message").asString()).isEqualTo("request.object is missing: a CREATE request carries the new object");
  }

  @Test
  void a_create_whose_object_is_not_a_json_object_is_a_bad_request_saying_what_it_holds() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    request(review).put("object", "x");
    JsonNode response = response(review);
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("code").asInt()).isEqualTo(400);
    assertThat(response.get("status").get("message").asString()).isEqualTo("request.object holds a string, not an object: a CREATE request carries the new object");
  }

  @Test
  void an_external_secret_of_another_group_version_is_a_bad_request() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    ((ObjectNode) request(review).get("object")).put("apiVersion", "external-secrets.io/v1alpha1");
    JsonNode status = response(review).get("status");
    assertThat(status.get("code").asInt()).isEqualTo(400);
    assertThat(status.get("message").asString()).endsWith("not external-secrets.io/v1alpha1 ExternalSecret");
  }

  @Test
  void a_list_where_the_api_has_a_map_is_a_bad_request_naming_the_field() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    ((ObjectNode) request(review).get("object").get("spec")).putArray("secretStoreRef").add("vault-backend");
    JsonNode status = response(review).get("status");
    assertThat(status.get("code").asInt()).isEqualTo(400);
    assertThat(status.get("message").asString())
        .isEqualTo("ExternalSecret payments/db-credentials is malformed: spec.secretStoreRef holds a list, which does not fit the ExternalSecret API there");
  }

  @Test
  void a_value_the_model_holds_but_the_schema_refuses_is_a_403_violation_not_a_bad_request() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    ((ObjectNode) request(review).get("object").get("spec").get("target")).put("creationPolicy", "Sometimes");
    JsonNode status = response(review).get("status");
    assertThat(status.get("code").asInt()).isEqualTo(403);
    assertThat(status.get("message").asString()).contains("spec.target.creationPolicy: INVALID_SPEC: ");
  }

  @Test
  void a_denial_lists_every_violation_on_its_own_line() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-denied-path.json");
    ((ObjectNode) request(review).get("object").get("spec").get("dataFrom").get(0).get("extract")).put("key", "infra/stripe");
    String message = response(review).get("status").get("message").asString();
    assertThat(message.lines().toList()).containsExactly(
        "ExternalSecret orders/api-keys denied:",
        "- spec.data[0].remoteRef.key: PATH_NOT_PERMITTED: the token of ClusterSecretStore \"vault-backend\" lacks \"read\" on Vault path"
            + " \"secret/data/infra/root-ca\" (its policies grant [deny]); a policy block that allows it: path \"secret/data/infra/root-ca\""
            + " { capabilities = [\"read\"] }",
        "- spec.dataFrom[0].extract.key: PATH_NOT_PERMITTED: the token of ClusterSecretStore \"vault-backend\" lacks \"read\" on Vault path"
            + " \"secret/data/infra/stripe\" (its policies grant [deny]); a policy block that allows it: path \"secret/data/infra/stripe\""
            + " { capabilities = [\"read\"] }");
  }

  @Test
  void a_store_that_will_not_sync_is_said_so_within_the_warning_length_kubectl_is_given() {
    ManifestSet set = ManifestReader.parse("kubernetes-auth-store.yaml", AdmissionFixtures.read(AdmissionFixtures.DIR.resolve("kubernetes-auth-store.yaml")));
    ValidatingAdmission a = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, ManifestStores.from(set, AdmissionFixtures.SCHEMAS, "default"),
        AdmissionFixtures.policy(), AdmissionSettings.DEFAULTS);
    JsonNode response = response(a, requestTree("create-v1-allowed.json"));
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("warnings").valueStream().map(JsonNode::asString))
        .anyMatch(w -> w.startsWith("ClusterSecretStore \"vault-backend\" will not sync: ") && w.contains("kubernetes"));
  }

  @Test
  void a_failing_store_lookup_is_a_refusal_with_code_503() {
    StoreLookup down = new StoreLookup() {
      @Override
      public Optional<Store> find(StoreKind kind, String name, String namespace) {
        throw new StoreLookupException("cannot read ClusterSecretStore \"vault-backend\" from the cluster (timeout)");
      }

      @Override
      public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.empty();
      }
    };
    ValidatingAdmission a = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, down, AdmissionFixtures.policy(), AdmissionSettings.DEFAULTS);
    JsonNode response = response(a, requestTree("create-v1-allowed.json"));
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("code").asInt()).isEqualTo(503);
    assertThat(response.get("status").get("reason").asString()).isEqualTo("ServiceUnavailable");
    assertThat(response.get("status").get("message").asString())
        .isEqualTo("the stores could not be looked up (cannot read ClusterSecretStore \"vault-backend\" from the cluster (timeout));"
            + " refused rather than admitted unchecked");
  }

  @Test
  void an_unexpected_failure_inside_the_decision_is_a_refusal_never_an_allow_even_in_warn_mode() {
    PolicyOracle broken = (store, paths) -> {
      throw new IllegalStateException("bug");
    };
    ValidatingAdmission a = AdmissionFixtures.admission(broken, new AdmissionSettings(Enforcement.WARN, VaultUnavailablePolicy.WARN));
    JsonNode response = response(a, requestTree("create-v1-allowed.json"));
    assertThat(response.get("uid").asString()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("code").asInt()).isEqualTo(500);
    assertThat(response.get("status").get("reason").asString()).isEqualTo("InternalError");
    assertThat(response.get("status").get("message").asString()).doesNotContain("bug").contains("IllegalStateException");
  }

  @Test
  void a_stack_overflow_inside_the_decision_is_a_refusal_too() {
    StoreLookup deep = new StoreLookup() {
      @Override
      public Optional<Store> find(StoreKind kind, String name, String namespace) {
        return find(kind, name, namespace);
      }

      @Override
      public Optional<Map<String, String>> namespaceLabels(String namespace) {
        return Optional.empty();
      }
    };
    ValidatingAdmission a = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, deep, AdmissionFixtures.policy(), AdmissionSettings.DEFAULTS);
    JsonNode response = response(a, requestTree("create-v1-allowed.json"));
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.get("status").get("message").asString()).contains("StackOverflowError");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "", " ", "null", "[]", "\"AdmissionReview\"", "{}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\"}} trailing",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\",\"uid\":\"b\"}}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":7}}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"\"}}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":null}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Review\",\"request\":{\"uid\":\"a\"}}",
    "{\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\"}}",
    // The parts the webhook skips (userInfo, options, managedFields) must still be valid JSON without duplicate keys.
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\",\"userInfo\":{\"username\":\"x\",\"username\":\"y\"}}}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\",\"options\":{\"x\":]}}}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\",\"object\":{\"metadata\":{\"managedFields\":[}}}}",
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"a\"},\"extra\":{\"k\":1,\"k\":2}}",
    "[] []"
  })
  void a_body_that_cannot_be_answered_is_http_400_with_an_error_body(String body) {
    AdmissionAnswer answer = admission.answer(body.getBytes(StandardCharsets.UTF_8));
    assertThat(answer).isInstanceOf(AdmissionAnswer.BadRequest.class);
    assertThat(answer.httpStatus()).isEqualTo(400);
    JsonNode error = JSON.readTree(answer.body());
    assertThat(List.copyOf(error.propertyNames())).containsExactly("error");
    assertThat(error.get("error").asString()).isNotBlank();
  }

  @Test
  void a_null_body_is_http_400() {
    assertThat(admission.answer(null)).isEqualTo(new AdmissionAnswer.BadRequest("the body is empty; expected an admission.k8s.io/v1 AdmissionReview"));
  }

  @Test
  void the_error_body_is_json_whatever_the_message_holds() {
    assertThat(new AdmissionAnswer.BadRequest("a \"quoted\"\nline").body()).isEqualTo("{\"error\":\"a \\\"quoted\\\"\\nline\"}");
  }
}

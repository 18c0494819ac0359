package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.zjsonpatch.JsonPatch;
import io.secretgate.inject.KnownSecrets;
import io.secretgate.inject.SecretFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mutating webhook on Pod AdmissionReviews as kube-apiserver sends them at the mutating stage
 * ({@code src/test/resources/io/secretgate/inject/requests/}): the returned patch is APPLIED to the
 * request's object and the result compared with {@code expected/<case>.pod.json}; the response
 * (without the patch bytes) is compared with {@code expected/<case>.response.json}.
 */
class MutatingAdmissionCasesTest {
  static final Path DIR = Path.of("src/test/resources/io/secretgate/inject");
  static final JsonMapper JSON = JsonMapper.builder().build();
  /** The facts of inject/secrets.yaml. */
  static final SecretFacts FACTS = new KnownSecrets()
      .externalSecret("payments", "db-credentials", "db-credentials")
      .externalSecret("payments", "api-keys", "api-keys")
      .managedSecret("payments", "db-credentials")
      .managedSecret("orders", "api-keys");
  static final MutatingAdmission ADMISSION = new MutatingAdmission(FACTS);

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode answer(MutatingAdmission admission, JsonNode review) {
    AdmissionAnswer answer = admission.answer(JSON.writeValueAsBytes(review));
    assertThat(answer).isInstanceOf(AdmissionAnswer.Review.class);
    assertThat(answer.httpStatus()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /** The JSON Patch of a response, decoded; null when it has none. */
  static ArrayNode patch(JsonNode response) {
    if (!response.has("patch")) return null;
    return (ArrayNode) JSON.readTree(Base64.getDecoder().decode(response.get("patch").asString()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "no-annotation", "annotations-absent", "several-containers", "init-containers", "ephemeral-containers", "existing-envfrom",
      "reinvocation-sidecar", "already-injected", "inject-containers", "inject-containers-missing", "invalid-secret-name",
      "untargeted-secret", "malformed-envfrom", "update"})
  void the_patch_applied_to_the_request_gives_the_expected_pod_and_the_envelope_is_exact(String name) {
    JsonNode review = read(DIR.resolve("requests/" + name + ".json"));
    JsonNode body = answer(ADMISSION, review);
    JsonNode response = body.get("response");

    ArrayNode patch = patch(response);
    Path expectedPod = DIR.resolve("expected/" + name + ".pod.json");
    if (Files.exists(expectedPod)) {
      JsonNode object = review.at("/request/object");
      JsonNode patched = patch == null ? object : JsonPatch.apply(patch, object);
      assertThat(patched).as("the request's Pod with the patch applied").isEqualTo(read(expectedPod));
    } else {
      assertThat(patch).as("a refusal carries no patch").isNull();
    }
    ObjectNode envelope = (ObjectNode) body.deepCopy();
    ((ObjectNode) envelope.get("response")).remove("patch");
    assertThat(envelope).isEqualTo(read(DIR.resolve("expected/" + name + ".response.json")));
    assertThat(response.has("patch")).as("patch and patchType come together").isEqualTo(response.has("patchType"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"several-containers", "init-containers", "ephemeral-containers", "existing-envfrom", "reinvocation-sidecar",
      "inject-containers", "untargeted-secret"})
  void the_patched_pod_sent_through_again_gets_no_patch(String name) {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/" + name + ".json"));
    ArrayNode patch = patch(answer(ADMISSION, review).get("response"));
    assertThat(patch).isNotNull();
    ((ObjectNode) review.get("request")).set("object", JsonPatch.apply(patch, review.at("/request/object")));
    JsonNode again = answer(ADMISSION, review).get("response");
    assertThat(again.get("allowed").asBoolean()).isTrue();
    assertThat(again.has("patch")).isFalse();
    assertThat(again.has("patchType")).isFalse();
  }

  @Test
  void the_marker_annotation_is_added_under_a_tilde_1_escaped_path() {
    ArrayNode patch = patch(answer(ADMISSION, read(DIR.resolve("requests/init-containers.json"))).get("response"));
    List<String> ops = new ArrayList<>();
    patch.forEach(op -> ops.add(op.get("op").asString() + " " + op.get("path").asString() + " " + op.get("value")));
    assertThat(ops).contains("add /metadata/annotations/secretgate.io~1inject-status \"injected\"");
    assertThat(ops).noneMatch(op -> op.contains("secretgate.io/inject-status"));
  }

  @Test
  void on_reinvocation_only_the_new_sidecar_is_patched() {
    ArrayNode patch = patch(answer(ADMISSION, read(DIR.resolve("requests/reinvocation-sidecar.json"))).get("response"));
    assertThat(patch).hasSize(1);
    assertThat(patch.get(0).get("op").asString()).isEqualTo("add");
    assertThat(patch.get(0).get("path").asString()).isEqualTo("/spec/containers/1/envFrom");
  }

  @Test
  void ephemeral_containers_are_never_touched_by_the_patch() {
    ArrayNode patch = patch(answer(ADMISSION, read(DIR.resolve("requests/ephemeral-containers.json"))).get("response"));
    patch.forEach(op -> assertThat(op.get("path").asString()).doesNotStartWith("/spec/ephemeralContainers"));
  }

  @Test
  void naming_an_ephemeral_container_in_inject_containers_is_refused_saying_so() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/ephemeral-containers.json"));
    ((ObjectNode) review.at("/request/object/metadata/annotations")).put("secretgate.io/inject-containers", "debugger-4kq9z");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    assertThat(response.at("/status/message").asString())
        .endsWith("metadata.annotations[secretgate.io/inject-containers]: \"debugger-4kq9z\" is an ephemeral container; secretgate never injects into those");
  }

  @Test
  void an_annotation_listing_no_secret_is_allowed_untouched_with_a_warning() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.at("/request/object/metadata/annotations")).put("secretgate.io/inject-env-from", " , ");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
    assertThat(response.get("warnings").get(0).asString()).isEqualTo("metadata.annotations[secretgate.io/inject-env-from] lists no Secret; nothing injected");
  }

  @Test
  void an_empty_inject_containers_annotation_is_refused_rather_than_read_as_every_container() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.at("/request/object/metadata/annotations")).put("secretgate.io/inject-containers", " ");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    assertThat(response.at("/status/message").asString()).contains("inject-containers]: names no container");
  }

  @Test
  void an_annotation_value_that_is_not_a_string_is_a_bad_request() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.at("/request/object/metadata/annotations")).putArray("secretgate.io/inject-env-from").add("db-credentials");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.get("allowed").asBoolean()).isFalse();
    assertThat(response.at("/status/code").asInt()).isEqualTo(400);
    assertThat(response.at("/status/reason").asString()).isEqualTo("BadRequest");
    assertThat(response.at("/status/message").asString())
        .isEqualTo("Pod payments/api-7c9d5b8f6d-* is malformed: metadata.annotations[secretgate.io/inject-env-from] holds a list; annotation values are strings");
  }

  @Test
  void an_object_that_is_not_a_pod_is_a_bad_request() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.at("/request/object")).put("kind", "Deployment").put("apiVersion", "apps/v1");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.at("/status/code").asInt()).isEqualTo(400);
    assertThat(response.at("/status/message").asString()).isEqualTo("this webhook mutates Pods (v1), not apps/v1 Deployment");
  }

  @Test
  void delete_connect_and_subresource_requests_are_allowed_untouched() {
    for (String op : List.of("DELETE", "CONNECT")) {
      ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
      ((ObjectNode) review.get("request")).put("operation", op).putNull("object");
      JsonNode response = answer(ADMISSION, review).get("response");
      assertThat(response.get("allowed").asBoolean()).as(op).isTrue();
      assertThat(response.has("patch")).as(op).isFalse();
    }
    ObjectNode eviction = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) eviction.get("request")).put("subResource", "eviction");
    ((ObjectNode) eviction.at("/request/object")).put("kind", "Eviction").put("apiVersion", "policy/v1");
    JsonNode response = answer(ADMISSION, eviction).get("response");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
  }

  @Test
  void a_missing_operation_is_a_bad_request_and_the_uid_is_echoed() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.get("request")).remove("operation");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.get("uid").asString()).isEqualTo("0a1b2c3d-0004-4000-8000-000000000004");
    assertThat(response.at("/status/code").asInt()).isEqualTo(400);
  }

  @Test
  void a_body_that_cannot_be_answered_is_http_400() {
    AdmissionAnswer answer = ADMISSION.answer("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}".getBytes());
    assertThat(answer).isInstanceOf(AdmissionAnswer.BadRequest.class);
    assertThat(answer.httpStatus()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"error\":\"the AdmissionReview has no request object\"}");
  }

  @Test
  void facts_that_fail_never_block_the_pod_they_only_cost_the_warnings() {
    SecretFacts broken = new SecretFacts() {
      @Override
      public List<String> externalSecretsTargeting(String namespace, String secret) {
        throw new IllegalStateException("cache gone");
      }

      @Override
      public boolean managedSecretExists(String namespace, String secret) {
        throw new IllegalStateException("cache gone");
      }
    };
    JsonNode response = answer(new MutatingAdmission(broken), read(DIR.resolve("requests/several-containers.json"))).get("response");
    assertThat(response.get("allowed").asBoolean()).isTrue();
    assertThat(response.get("patchType").asString()).isEqualTo("JSONPatch");
    assertThat(response.get("warnings").get(0).asString()).isEqualTo("could not check whether the Secrets exist (IllegalStateException); injected anyway");
  }

  @Test
  void a_warning_about_a_long_secret_name_is_cut_in_a_name_never_before_it_says_what_happens() {
    String ns = "payments-production-eu-west-1";
    String notSynced = "payments-api-database-credentials-primary-eu-west-1";
    String orphaned = "payments-api-legacy-credentials-primary-eu-west-1";
    String unknown = "payments-api-third-party-keys-primary-eu-west-1";
    SecretFacts facts = new KnownSecrets().externalSecret(ns, notSynced, notSynced).managedSecret(ns, orphaned);
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.get("request")).put("namespace", ns);
    ((ObjectNode) review.at("/request/object/metadata")).put("namespace", ns);
    ((ObjectNode) review.at("/request/object/metadata/annotations")).put("secretgate.io/inject-env-from", String.join(",", notSynced, orphaned, unknown));
    JsonNode warnings = answer(new MutatingAdmission(facts), review).at("/response/warnings");
    assertThat(warnings).hasSize(3);
    assertThat(warnings.get(0).asString()).contains("\"" + notSynced + "\"", "will wait", "ExternalSecret");
    assertThat(warnings.get(1).asString()).contains("\"" + orphaned + "\"", "not refreshed", "no ExternalSecret targets it");
    assertThat(warnings.get(2).asString()).contains("\"" + unknown + "\"", "will wait", "unless it exists");
    warnings.forEach(w -> assertThat(w.asString().length()).isLessThanOrEqualTo(AdmissionWarnings.MAX_LENGTH));
  }

  @Test
  void a_secret_of_the_same_name_in_another_namespace_does_not_count() {
    ObjectNode review = (ObjectNode) read(DIR.resolve("requests/init-containers.json"));
    ((ObjectNode) review.at("/request/object/metadata/annotations")).put("secretgate.io/inject-env-from", "api-keys");
    ((ObjectNode) review.get("request")).put("namespace", "orders");
    ((ObjectNode) review.at("/request/object/metadata")).put("namespace", "orders");
    JsonNode response = answer(ADMISSION, review).get("response");
    assertThat(response.get("warnings").get(0).asString())
        .isEqualTo("Secret \"api-keys\" is not refreshed: no ExternalSecret targets it any more");
  }
}

package io.secretgate.admission;

import static io.secretgate.admission.AdmissionFixtures.requestTree;
import static io.secretgate.admission.EnforcementTest.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.StoreKind;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** When Vault cannot be asked what a store's token may do: on-vault-unavailable warn (default) or deny. */
class VaultUnavailableTest {
  static final AdmissionSettings WARN = AdmissionSettings.DEFAULTS;
  static final AdmissionSettings DENY = new AdmissionSettings(Enforcement.DENY, VaultUnavailablePolicy.DENY);

  /** Vault is down for SecretStores only; ClusterSecretStores are answered from policy.hcl. */
  static final PolicyOracle SECRET_STORES_DOWN = (store, paths) -> {
    if (store.kind() == StoreKind.SecretStore) throw new PolicyUnavailableException("Vault at https://vault.vault.svc:8200 answered HTTP 503 to sys/capabilities-self");
    return AdmissionFixtures.policy().capabilities(store, paths);
  };

  /** payments/db-credentials with two more entries: one through the SecretStore team-vault, one through a store that does not exist. */
  static ObjectNode mixedRequest() {
    ObjectNode review = (ObjectNode) requestTree("create-v1-allowed.json");
    ArrayNode data = (ArrayNode) review.get("request").get("object").get("spec").get("data");
    ObjectNode team = data.addObject();
    team.putObject("remoteRef").put("key", "payments/stripe").put("property", "api-key");
    team.put("secretKey", "stripe");
    team.putObject("sourceRef").putObject("storeRef").put("kind", "SecretStore").put("name", "team-vault");
    ObjectNode missing = data.addObject();
    missing.putObject("remoteRef").put("key", "apps/payments/other");
    missing.put("secretKey", "other");
    missing.putObject("sourceRef").putObject("storeRef").put("kind", "SecretStore").put("name", "missing");
    return review;
  }

  @Test
  void by_default_the_object_is_allowed_with_warnings_naming_the_store_the_reason_and_each_unchecked_path() {
    ObjectNode review = mixedRequest();
    ((ArrayNode) review.get("request").get("object").get("spec").get("data")).remove(3);
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(SECRET_STORES_DOWN, WARN), review);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(warnings(r)).containsExactly(
        "paths of SecretStore \"payments/team-vault\" not checked: Vault could not be asked",
        "Vault at https://vault.vault.svc:8200 answered HTTP 503 to sys/capabilities-self",
        "not checked (Vault could not be asked): kv/data/payments/stripe");
  }

  @Test
  void a_reason_too_long_for_one_warning_keeps_its_cause_at_the_end_and_is_shortened_in_the_middle() {
    // DriverVaultGateway's words for an in-cluster Vault named by its full service name: 124 characters.
    String reason = "Vault POST sys/capabilities-self: cannot reach Vault at https://vault.vault.svc.cluster.local:8200 (no connection within 2s)";
    PolicyOracle down = (store, paths) -> {
      throw new PolicyUnavailableException(reason);
    };
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(down, WARN), requestTree("create-v1-allowed.json"));

    assertThat(warnings(r).get(1)).hasSizeLessThanOrEqualTo(AdmissionWarnings.MAX_LENGTH)
        .startsWith("Vault POST sys/capabilities-self: cannot reach Vault at https://vault.").endsWith(":8200 (no connection within 2s)");
  }

  @Test
  void with_deny_the_object_is_refused_naming_the_store_the_reason_and_the_paths() {
    ObjectNode review = mixedRequest();
    ((ArrayNode) review.get("request").get("object").get("spec").get("data")).remove(3);
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(SECRET_STORES_DOWN, DENY), review);
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.get("status").get("code").asInt()).isEqualTo(403);
    assertThat(r.get("status").get("reason").asString()).isEqualTo("Forbidden");
    assertThat(r.get("status").get("message").asString()).isEqualTo("ExternalSecret payments/db-credentials denied:\n"
        + "- Vault could not be asked what the token of SecretStore \"payments/team-vault\" may do (Vault at https://vault.vault.svc:8200"
        + " answered HTTP 503 to sys/capabilities-self), so kv/data/payments/stripe could not be checked; on-vault-unavailable is deny");
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void the_other_violations_are_still_found_while_vault_is_down() {
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(SECRET_STORES_DOWN, WARN), mixedRequest());
    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.get("status").get("message").asString()).isEqualTo("ExternalSecret payments/db-credentials denied:\n"
        + "- spec.data[3].sourceRef.storeRef: STORE_NOT_FOUND: SecretStore \"missing\" not found in namespace \"payments\"");
    assertThat(warnings(r)).contains("not checked (Vault could not be asked): kv/data/payments/stripe");
  }

  @Test
  void with_deny_the_unchecked_paths_are_listed_after_the_violations() {
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(SECRET_STORES_DOWN, DENY), mixedRequest());
    List<String> lines = r.get("status").get("message").asString().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("- spec.data[3].sourceRef.storeRef: STORE_NOT_FOUND:");
    assertThat(lines.get(2)).startsWith("- Vault could not be asked what the token of SecretStore \"payments/team-vault\"");
  }

  @Test
  void paths_of_stores_whose_vault_answers_are_still_checked() {
    ObjectNode review = mixedRequest();
    ((ObjectNode) review.get("request").get("object").get("spec").get("data").get(0).get("remoteRef")).put("key", "infra/db");
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(SECRET_STORES_DOWN, WARN), review);
    assertThat(r.get("status").get("message").asString()).contains("- spec.data[0].remoteRef.key: PATH_NOT_PERMITTED:");
  }

  @Test
  void every_store_is_asked_and_each_unavailable_one_is_reported() {
    List<String> asked = new ArrayList<>();
    PolicyOracle allDown = (store, paths) -> {
      asked.add(store.displayName());
      throw new PolicyUnavailableException("cannot reach Vault at https://vault.vault.svc:8200 (ConnectException)");
    };
    ObjectNode review = mixedRequest();
    ((ArrayNode) review.get("request").get("object").get("spec").get("data")).remove(3);
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(allDown, WARN), review);
    assertThat(asked).containsExactly("ClusterSecretStore \"vault-backend\"", "SecretStore \"payments/team-vault\"");
    assertThat(r.get("allowed").asBoolean()).isTrue();
    // the reason both stores share is said once, after the first
    assertThat(warnings(r)).containsExactly(
        "paths of ClusterSecretStore \"vault-backend\" not checked: Vault could not be asked",
        "cannot reach Vault at https://vault.vault.svc:8200 (ConnectException)",
        "not checked (Vault could not be asked): secret/data/apps/payments/db",
        "paths of SecretStore \"payments/team-vault\" not checked: Vault could not be asked",
        "not checked (Vault could not be asked): kv/data/payments/stripe");
  }
}

package io.secretgate.admission;

import static io.secretgate.admission.AdmissionFixtures.golden;
import static io.secretgate.admission.AdmissionFixtures.pretty;
import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of answer, for AdmissionReview requests as kube-apiserver sends them, against golden
 * answers: the HTTP status, and the body exactly (key order included; golden files hold it
 * pretty-printed).
 */
class ValidatingAdmissionGoldenTest {
  static final AdmissionSettings DEFAULTS = AdmissionSettings.DEFAULTS;
  static final AdmissionSettings GLOBAL_WARN = new AdmissionSettings(Enforcement.WARN, VaultUnavailablePolicy.WARN);
  static final AdmissionSettings VAULT_DENY = new AdmissionSettings(Enforcement.DENY, VaultUnavailablePolicy.DENY);
  static final PolicyOracle VAULT_DOWN = (store, paths) -> {
    throw new PolicyUnavailableException("cannot reach Vault at https://vault.vault.svc:8200 (ConnectException)");
  };

  record Case(String golden, String request, AdmissionSettings settings, PolicyOracle oracle, int httpStatus) {
    @Override
    public String toString() {
      return golden;
    }
  }

  static Case ok(String golden, String request, AdmissionSettings settings) {
    return new Case(golden, request, settings, AdmissionFixtures.policy(), 200);
  }

  static Stream<Case> cases() {
    return Stream.of(
        ok("create-v1-allowed.json", "create-v1-allowed.json", DEFAULTS),
        ok("create-v1-denied-path.json", "create-v1-denied-path.json", DEFAULTS),
        ok("create-v1-denied-path-dry-run.json", "create-v1-denied-path-dry-run.json", DEFAULTS),
        ok("create-v1beta1-allowed.json", "create-v1beta1-allowed.json", DEFAULTS),
        ok("create-v1beta1-store-not-found.json", "create-v1beta1-store-not-found.json", DEFAULTS),
        ok("create-store-not-allowed.json", "create-store-not-allowed.json", DEFAULTS),
        ok("update-spec-changed-denied.json", "update-spec-changed-denied.json", DEFAULTS),
        ok("update-labels-only-store-gone.json", "update-labels-only-store-gone.json", DEFAULTS),
        ok("update-finalizer-removed.json", "update-finalizer-removed.json", DEFAULTS),
        ok("delete.json", "delete.json", DEFAULTS),
        ok("create-warn-namespace.json", "create-warn-namespace.json", DEFAULTS),
        ok("create-bad-enforcement-label.json", "create-bad-enforcement-label.json", DEFAULTS),
        ok("global-warn-store-not-allowed.json", "create-store-not-allowed.json", GLOBAL_WARN),
        ok("global-warn-namespace-label-deny.json", "create-v1-denied-path.json", GLOBAL_WARN),
        new Case("vault-unavailable-warn.json", "create-v1-allowed.json", DEFAULTS, VAULT_DOWN, 200),
        new Case("vault-unavailable-deny.json", "create-v1-allowed.json", VAULT_DENY, VAULT_DOWN, 200),
        new Case("vault-unavailable-deny-warn-namespace.json", "create-warn-namespace.json", VAULT_DENY, VAULT_DOWN, 200),
        ok("create-not-an-external-secret.json", "create-not-an-external-secret.json", DEFAULTS),
        ok("create-spec-is-a-string.json", "create-spec-is-a-string.json", DEFAULTS),
        ok("missing-operation.json", "missing-operation.json", DEFAULTS),
        new Case("missing-uid.json", "missing-uid.json", DEFAULTS, AdmissionFixtures.policy(), 400),
        new Case("missing-request.json", "missing-request.json", DEFAULTS, AdmissionFixtures.policy(), 400),
        new Case("v1beta1-review.json", "v1beta1-review.json", DEFAULTS, AdmissionFixtures.policy(), 400),
        new Case("not-json.json", "not-json.txt", DEFAULTS, AdmissionFixtures.policy(), 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void the_answer_is_the_golden_one(Case c) {
    AdmissionAnswer answer = AdmissionFixtures.admission(c.oracle(), c.settings()).answer(AdmissionFixtures.request(c.request()));
    assertThat(answer.httpStatus()).isEqualTo(c.httpStatus());
    assertThat(answer).isInstanceOf(c.httpStatus() == 200 ? AdmissionAnswer.Review.class : AdmissionAnswer.BadRequest.class);
    assertThat(answer.body()).doesNotContain("\n");
    String actual = pretty(answer.body());
    assertThat(actual).isEqualTo(golden(c.golden(), actual));
  }
}

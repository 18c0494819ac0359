package io.secretgate.admission;

import static io.secretgate.admission.EnforcementTest.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.testing.MutableClock;
import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.PolicyUnavailableException;
import io.secretgate.validation.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request is answered within kube-apiserver's timeout even when Vault does not answer: after the
 * first store, Vault is asked about another only while its longest ask still fits, so the webhook
 * never answers too late (which failurePolicy Fail would turn into a refusal).
 */
class VaultDeadlineTest {
  private static final Duration ASK = Duration.ofSeconds(2);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final List<String> asked = new ArrayList<>();

  /** A Vault that never answers: every ask uses its whole timeout, then fails. */
  private final PolicyOracle hangingVault = new PolicyOracle() {
    @Override
    public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
      asked.add(store.displayName());
      clock.advance(ASK);
      throw new PolicyUnavailableException("Vault POST sys/capabilities-self: cannot reach Vault at https://vault.vault.svc:8200 (no answer within 2s)");
    }

    @Override
    public Duration longestAsk() {
      return ASK;
    }
  };

  /** payments/db-credentials reading through ClusterSecretStore vault-backend and SecretStore team-vault. */
  private static byte[] twoStores() {
    ObjectNode review = VaultUnavailableTest.mixedRequest();
    ((ArrayNode) review.get("request").get("object").get("spec").get("data")).remove(3);
    return AdmissionFixtures.JSON.writeValueAsBytes(review);
  }

  private JsonNode answer(Duration timeout) {
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), hangingVault,
        AdmissionSettings.DEFAULTS, clock);
    Instant start = clock.instant();
    JsonNode response = AdmissionFixtures.JSON.readTree(admission.answer(twoStores(), timeout).body()).get("response");
    assertThat(Duration.between(start, clock.instant())).as("time spent asking Vault").isLessThanOrEqualTo(timeout.minus(ValidatingAdmission.MARGIN));
    return response;
  }

  @Test
  void with_five_seconds_a_vault_that_does_not_answer_is_asked_about_the_first_store_only() {
    JsonNode r = answer(Duration.ofSeconds(5));

    assertThat(asked).containsExactly("ClusterSecretStore \"vault-backend\"");
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(warnings(r)).containsExactly(
        "paths of ClusterSecretStore \"vault-backend\" not checked: Vault could not be asked",
        "Vault POST sys/capabilities-self: cannot reach Vault at https://vault.vault.svc:8200 (no answer within 2s)",
        "not checked (Vault could not be asked): secret/data/apps/payments/db",
        "paths of SecretStore \"payments/team-vault\" not checked: Vault could not be asked",
        "Vault not asked: too little of the request's 5s timeout was left (an ask may take 2s)",
        "not checked (Vault could not be asked): kv/data/payments/stripe");
  }

  @Test
  void with_ten_seconds_both_stores_are_asked() {
    answer(Duration.ofSeconds(10));

    assertThat(asked).containsExactly("ClusterSecretStore \"vault-backend\"", "SecretStore \"payments/team-vault\"");
  }

  @Test
  void with_deny_a_store_not_asked_in_time_refuses_the_object_as_one_vault_could_not_answer_for() {
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), hangingVault,
        VaultUnavailableTest.DENY, clock);
    JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(twoStores(), Duration.ofSeconds(5)).body()).get("response");

    assertThat(r.get("allowed").asBoolean()).isFalse();
    assertThat(r.get("status").get("message").asString()).contains("- Vault could not be asked what the token of SecretStore \"payments/team-vault\""
        + " may do (Vault not asked: too little of the request's 5s timeout was left (an ask may take 2s)), so kv/data/payments/stripe could not be checked");
  }

  @Test
  void answers_from_memory_are_always_had_whatever_the_time_left() {
    List<String> answered = new ArrayList<>();
    PolicyOracle slowButInMemory = (store, paths) -> {
      answered.add(store.displayName());
      clock.advance(Duration.ofSeconds(3)); // longestAsk is zero: nothing to fit
      return AdmissionFixtures.policy().capabilities(store, paths);
    };
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), slowButInMemory,
        AdmissionSettings.DEFAULTS, clock);
    JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(twoStores(), Duration.ofSeconds(5)).body()).get("response");

    assertThat(answered).hasSize(2);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("warnings")).isFalse();
  }

  /** A Vault ask that blocks until {@link #vaultAnswers} is counted down, then answers from policy.hcl; its longest ask is 2 s. */
  private final CountDownLatch vaultAnswers = new CountDownLatch(1);
  private final List<String> askedOn = new ArrayList<>();
  private final PolicyOracle slowVault = new PolicyOracle() {
    @Override
    public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
      asked.add(store.displayName());
      askedOn.add(Thread.currentThread().getName());
      try {
        vaultAnswers.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AdmissionFixtures.policy().capabilities(store, paths);
    }

    @Override
    public Duration longestAsk() {
      return ASK;
    }
  };

  @Test
  void with_two_seconds_the_first_ask_runs_on_a_thread_the_request_waits_for_a_bounded_time_and_its_answer_decides() {
    vaultAnswers.countDown(); // Vault answers at once
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), slowVault,
        AdmissionSettings.DEFAULTS, clock);

    JsonNode denied = AdmissionFixtures.JSON.readTree(admission.answer(AdmissionFixtures.request("create-v1-denied-path.json"), Duration.ofSeconds(2))
        .body()).get("response");

    assertThat(askedOn).singleElement().asString().startsWith("webhook-vault-ask-");
    assertThat(denied.get("allowed").asBoolean()).as("the answer of a bounded ask is used like any other").isFalse();
    assertThat(denied.get("status").get("code").asInt()).isEqualTo(403);
  }

  @Test
  void with_two_seconds_a_vault_that_answers_at_once_is_asked_about_every_store() {
    vaultAnswers.countDown(); // Vault answers at once: both asks together take no time
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), slowVault,
        VaultUnavailableTest.DENY, clock);

    JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(twoStores(), Duration.ofSeconds(2)).body()).get("response");

    // before: the second store was never asked with a timeout under 4 s (its 2 s ask could not end 2 s before the timeout),
    // so with a healthy Vault and on-vault-unavailable deny every ExternalSecret over two stores was refused
    assertThat(asked).containsExactly("ClusterSecretStore \"vault-backend\"", "SecretStore \"payments/team-vault\"");
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void with_four_seconds_a_vault_that_answers_in_ten_milliseconds_is_asked_about_every_store() {
    PolicyOracle quickVault = new PolicyOracle() {
      @Override
      public Optional<Map<String, List<String>>> capabilities(Store store, List<String> paths) {
        asked.add(store.displayName());
        clock.advance(Duration.ofMillis(10));
        return AdmissionFixtures.policy().capabilities(store, paths);
      }

      @Override
      public Duration longestAsk() {
        return ASK;
      }
    };
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), quickVault,
        VaultUnavailableTest.DENY, clock);

    JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(twoStores(), Duration.ofSeconds(4)).body()).get("response");

    // 4 s less the 2 s margin leaves one ask from the very start: once any time had passed, no further store fitted
    assertThat(asked).containsExactly("ClusterSecretStore \"vault-backend\"", "SecretStore \"payments/team-vault\"");
    assertThat(r.get("allowed").asBoolean()).isTrue();
  }

  @Test
  void with_two_seconds_a_store_after_one_that_used_up_the_time_is_not_asked() {
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), hangingVault,
        AdmissionSettings.DEFAULTS, clock);

    JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(twoStores(), Duration.ofSeconds(2)).body()).get("response");

    assertThat(asked).containsExactly("ClusterSecretStore \"vault-backend\"");
    assertThat(warnings(r)).contains("Vault not asked: too little of the request's 2s timeout was left (an ask may take 2s)");
  }

  @Test
  void with_three_seconds_or_more_the_first_ask_fits_and_runs_on_the_request_thread() {
    vaultAnswers.countDown();
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), slowVault,
        AdmissionSettings.DEFAULTS, clock);

    admission.answer(AdmissionFixtures.request("create-v1-denied-path.json"), Duration.ofSeconds(3));

    assertThat(askedOn).containsExactly(Thread.currentThread().getName());
  }

  @Test
  @Timeout(30) // without the bounded wait, the answer would wait for a Vault that never answers
  void with_two_seconds_a_vault_that_does_not_answer_in_time_leaves_the_paths_unchecked_and_the_answer_comes_before_it_does() throws Exception {
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), slowVault,
        AdmissionSettings.DEFAULTS, clock);
    try {
      JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(AdmissionFixtures.request("create-v1-allowed.json"), Duration.ofSeconds(2))
          .body()).get("response");

      assertThat(vaultAnswers.getCount()).as("answered while Vault still had not").isEqualTo(1);
      assertThat(r.get("allowed").asBoolean()).isTrue();
      assertThat(warnings(r)).containsExactly(
          "paths of ClusterSecretStore \"vault-backend\" not checked: Vault could not be asked",
          "Vault gave no answer in time: the request's 2s timeout left 1.5s for asking it",
          "not checked (Vault could not be asked): secret/data/apps/payments/db");
    } finally {
      vaultAnswers.countDown();
    }
  }

  @Test
  @Timeout(30)
  void with_deny_a_first_ask_cut_short_by_a_two_second_timeout_refuses_the_object() {
    ValidatingAdmission admission = new ValidatingAdmission(AdmissionFixtures.SCHEMAS, AdmissionFixtures.cluster(), slowVault,
        VaultUnavailableTest.DENY, clock);
    try {
      JsonNode r = AdmissionFixtures.JSON.readTree(admission.answer(AdmissionFixtures.request("create-v1-allowed.json"), Duration.ofSeconds(2))
          .body()).get("response");

      assertThat(r.get("allowed").asBoolean()).isFalse();
      assertThat(r.get("status").get("message").asString()).contains("(Vault gave no answer in time: the request's 2s timeout left 1.5s for asking it),"
          + " so secret/data/apps/payments/db could not be checked");
    } finally {
      vaultAnswers.countDown();
    }
  }
}

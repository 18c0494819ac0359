package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.admission.AdmissionAnswer.Outcome;
import org.junit.jupiter.api.Test;

/** The outcome an answer is counted under in the webhook metrics. */
class AdmissionOutcomeTest {
  @Test
  void a_response_is_counted_as_allowed_denied_bad_request_or_error_by_its_allowed_flag_and_status_code() {
    assertThat(Outcome.of(true, 200)).isEqualTo(Outcome.ALLOWED);
    assertThat(Outcome.of(false, 403)).isEqualTo(Outcome.DENIED);
    assertThat(Outcome.of(false, 400)).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(Outcome.of(false, 503)).isEqualTo(Outcome.ERROR);
  }

  @Test
  void the_mutating_answers_carry_the_outcome_of_their_decision() throws java.io.IOException {
    MutatingAdmission admission = new MutatingAdmission(io.secretgate.inject.SecretFacts.NONE);
    assertThat(admission.answer("{}".getBytes()).outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(admission.answer(podRequest("several-containers.json")).outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(admission.answer(podRequest("invalid-secret-name.json")).outcome()).isEqualTo(Outcome.DENIED);
  }

  private static byte[] podRequest(String name) throws java.io.IOException {
    return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/io/secretgate/inject/requests", name));
  }

  @Test
  void the_validating_answers_carry_the_outcome_of_their_decision() {
    ValidatingAdmission admission = AdmissionFixtures.admission(AdmissionSettings.DEFAULTS);
    assertThat(admission.answer("{}".getBytes()).outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(admission.answer(AdmissionFixtures.request("create-v1-allowed.json")).outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(admission.answer(AdmissionFixtures.request("create-v1-denied-path.json")).outcome()).isEqualTo(Outcome.DENIED);
    assertThat(admission.answer(AdmissionFixtures.request("create-spec-is-a-string.json")).outcome()).isEqualTo(Outcome.BAD_REQUEST);
  }
}

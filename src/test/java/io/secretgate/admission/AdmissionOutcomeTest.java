package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.admission.AdmissionAnswer.Outcome;
import org.junit.jupiter.api.Test;

/** The outcome an answer is counted under in the webhook metrics. */
class AdmissionOutcomeTest {
  @Test
  void a_review_read_back_from_its_json_has_the_outcome_its_response_says() {
    assertThat(new AdmissionAnswer.Review("{\"response\":{\"uid\":\"u\",\"allowed\":true}}").outcome()).isEqualTo(Outcome.ALLOWED);
    assertThat(new AdmissionAnswer.Review("{\"response\":{\"allowed\":false,\"status\":{\"code\":403}}}").outcome()).isEqualTo(Outcome.DENIED);
    assertThat(new AdmissionAnswer.Review("{\"response\":{\"allowed\":false,\"status\":{\"code\":400}}}").outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(new AdmissionAnswer.Review("{\"response\":{\"allowed\":false,\"status\":{\"code\":503}}}").outcome()).isEqualTo(Outcome.ERROR);
    assertThat(new AdmissionAnswer.Review("not json").outcome()).isEqualTo(Outcome.ERROR);
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

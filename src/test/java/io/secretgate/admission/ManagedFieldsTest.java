package io.secretgate.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** metadata.managedFields is the API server's bookkeeping: not checked, and not the reason for any answer. */
class ManagedFieldsTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  final ValidatingAdmission admission = AdmissionFixtures.admission(AdmissionSettings.DEFAULTS);

  byte[] withManagedFields(String request, Object managedFields) {
    ObjectNode review = (ObjectNode) JSON.readTree(AdmissionFixtures.request(request));
    ((ObjectNode) review.path("request").path("object").path("metadata")).set("managedFields", JSON.valueToTree(managedFields));
    return JSON.writeValueAsBytes(review);
  }

  @Test
  void managed_fields_of_any_shape_change_no_answer() {
    String allowed = admission.answer(AdmissionFixtures.request("create-v1-allowed.json")).body();
    String denied = admission.answer(AdmissionFixtures.request("create-v1-denied-path.json")).body();

    assertThat(admission.answer(withManagedFields("create-v1-allowed.json", "not a list")).body()).isEqualTo(allowed);
    assertThat(admission.answer(withManagedFields("create-v1-denied-path.json", 42)).body()).isEqualTo(denied);
  }

  @Test
  void a_spec_that_does_not_fit_is_still_refused_next_to_managed_fields() {
    String body = new String(AdmissionFixtures.request("create-spec-is-a-string.json"), StandardCharsets.UTF_8);
    assertThat(body).contains("managedFields");
    assertThat(admission.answer(body.getBytes(StandardCharsets.UTF_8)).outcome()).isEqualTo(AdmissionAnswer.Outcome.BAD_REQUEST);
  }
}

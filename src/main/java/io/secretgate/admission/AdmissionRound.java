package io.secretgate.admission;

import java.util.List;
import java.util.function.Function;

/**
 * One admission round trip without HTTP, shared by both webhooks: read the envelope (HTTP 400 when it
 * cannot be answered), decide, write the AdmissionReview. A decision that throws is a refusal with
 * code 500, never an accidental {@code allowed:true}.
 */
final class AdmissionRound {
  private AdmissionRound() {}

  static AdmissionAnswer answer(byte[] body, Function<AdmissionRequest, AdmissionResponse> decide) {
    AdmissionRequest request;
    try {
      request = ReviewEnvelope.read(body);
    } catch (ReviewEnvelope.UnanswerableException e) {
      return new AdmissionAnswer.BadRequest(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new AdmissionAnswer.BadRequest("the body could not be read (" + e.getClass().getSimpleName() + ")");
    }
    AdmissionResponse response;
    try {
      response = decide.apply(request);
    } catch (RuntimeException | StackOverflowError e) {
      response = AdmissionResponse.refuse(request.uid(), AdmissionResponse.Status.internalError(
          "the request could not be checked: internal error (" + e.getClass().getSimpleName() + "); refused rather than admitted unchecked"), List.of());
    }
    try {
      return new AdmissionAnswer.Review(ReviewEnvelope.write(response),
          AdmissionAnswer.Outcome.of(response.allowed(), response.status().map(AdmissionResponse.Status::code).orElse(200)));
    } catch (RuntimeException e) {
      return new AdmissionAnswer.BadRequest("the answer could not be written (" + e.getClass().getSimpleName() + ")");
    }
  }
}

package io.secretgate.admission;

import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.StoreLookupException;
import io.secretgate.validation.schema.CrdSchemas;
import java.util.List;

/**
 * The validating admission webhook for ExternalSecrets, without HTTP: one request body in, one
 * answer out. Never throws, and never allows by accident: a failure while deciding is a refusal.
 * Safe to call from many threads at once (it keeps no state between calls).
 *
 * <p>Answers (docs/admission.md): HTTP 400 for a body that is not an {@code admission.k8s.io/v1}
 * AdmissionReview with a request and a uid; otherwise an AdmissionReview echoing the uid, with
 * {@code allowed:true} for DELETE, CONNECT and spec-preserving UPDATEs, {@code allowed:false}
 * code 400 for objects that are not well-formed ExternalSecrets, and the verdict of
 * {@link io.secretgate.validation.ExternalSecretCheck} for the rest: code 403 with every violation
 * when refused, admission warnings when allowed (or when the namespace's enforcement is warn).
 */
public final class ValidatingAdmission {
  private final ExternalSecretAdmission decision;

  public ValidatingAdmission(CrdSchemas schemas, StoreLookup stores, PolicyOracle policies, AdmissionSettings settings) {
    this.decision = new ExternalSecretAdmission(schemas, stores, policies, settings);
  }

  /** The answer to one request body. */
  public AdmissionAnswer answer(byte[] body) {
    AdmissionRequest request;
    try {
      request = ReviewEnvelope.read(body);
    } catch (ReviewEnvelope.UnanswerableException e) {
      return new AdmissionAnswer.BadRequest(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new AdmissionAnswer.BadRequest("the body could not be read (" + e.getClass().getSimpleName() + ")");
    }
    AdmissionResponse response = respond(request);
    try {
      return new AdmissionAnswer.Review(ReviewEnvelope.write(response),
          AdmissionAnswer.Outcome.of(response.allowed(), response.status().map(AdmissionResponse.Status::code).orElse(200)));
    } catch (RuntimeException e) {
      return new AdmissionAnswer.BadRequest("the answer could not be written (" + e.getClass().getSimpleName() + ")");
    }
  }

  private AdmissionResponse respond(AdmissionRequest request) {
    try {
      return decision.decide(request);
    } catch (StoreLookupException e) {
      return AdmissionResponse.refuse(request.uid(), AdmissionResponse.Status.serviceUnavailable(
          "the stores could not be looked up (" + e.getMessage() + "); refused rather than admitted unchecked"), List.of());
    } catch (RuntimeException | StackOverflowError e) {
      return AdmissionResponse.refuse(request.uid(), AdmissionResponse.Status.internalError(
          "the request could not be checked: internal error (" + e.getClass().getSimpleName() + "); refused rather than admitted unchecked"), List.of());
    }
  }
}

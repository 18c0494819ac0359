package io.secretgate.admission;

import io.secretgate.validation.PolicyOracle;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.StoreLookupException;
import io.secretgate.validation.schema.CrdSchemas;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>Each request has a timeout (kube-apiserver's {@code ?timeout=}); after the first store, Vault is
 * asked about another only while its answer can still come {@link #MARGIN} before the timeout runs
 * out, and an ask that could outlast the timeout itself (a webhook configured with 1 or 2 s) is
 * waited for only as long as the request allows (see {@link UncheckedPaths}).
 */
public final class ValidatingAdmission {
  /** kube-apiserver's timeout when a webhook configuration sets none (admissionregistration v1). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Kept free at the end of a request's timeout for everything but asking Vault: the network, the
   * token reads, the rest of the check. With the 5 s of our webhook configurations, a Vault that
   * does not answer is asked about one store (2 s), not more.
   */
  static final Duration MARGIN = Duration.ofSeconds(2);

  private final ExternalSecretAdmission decision;
  private final Clock clock;

  public ValidatingAdmission(CrdSchemas schemas, StoreLookup stores, PolicyOracle policies, AdmissionSettings settings) {
    this(schemas, stores, policies, settings, Clock.systemUTC());
  }

  public ValidatingAdmission(CrdSchemas schemas, StoreLookup stores, PolicyOracle policies, AdmissionSettings settings, Clock clock) {
    this.decision = new ExternalSecretAdmission(schemas, stores, policies, settings, new BoundedAsks());
    this.clock = clock;
  }

  /** The answer to one request body, with {@link #DEFAULT_TIMEOUT}. */
  public AdmissionAnswer answer(byte[] body) {
    return answer(body, DEFAULT_TIMEOUT);
  }

  /** The answer to one request body that must be answered within {@code timeout}. */
  public AdmissionAnswer answer(byte[] body, Duration timeout) {
    RequestClock time = new RequestClock(clock, clock.instant(), timeout);
    return AdmissionRound.answer(body, request -> respond(request, time));
  }

  private AdmissionResponse respond(AdmissionRequest request, RequestClock time) {
    try {
      return decision.decide(request, time);
    } catch (StoreLookupException e) {
      return AdmissionResponse.refuse(request.uid(), AdmissionResponse.Status.serviceUnavailable(
          "the stores could not be looked up (" + e.getMessage() + "); refused rather than admitted unchecked"), List.of());
    }
  }
}

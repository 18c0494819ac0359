package io.secretgate.admission;

import io.secretgate.inject.SecretFacts;
import java.time.Duration;

/**
 * The mutating admission webhook for Pods, without HTTP: one request body in, one answer out. Never
 * throws, and never allows by accident. Safe to call from many threads at once; it makes no remote
 * call (the facts are read from caches), so it answers in well under a millisecond.
 *
 * <p>Answers (docs/inject.md): HTTP 400 for a body that is not an {@code admission.k8s.io/v1}
 * AdmissionReview with a request and a uid; otherwise an AdmissionReview echoing the uid:
 * {@code allowed:true} untouched for UPDATE, DELETE, CONNECT, subresources and Pods that ask for
 * nothing; {@code allowed:true} with a base64 {@code JSONPatch} when the Pod gets envFrom entries
 * or the marker; {@code allowed:false} code 403 for a bad Secret name or a missing target
 * container, code 400 for objects that are not Pods shaped as the injector needs. Warnings name
 * Secrets the Pod will wait for.
 */
public final class MutatingAdmission {
  private final PodAdmission decision;

  public MutatingAdmission(SecretFacts facts) {
    this.decision = new PodAdmission(facts);
  }

  /** The answer to one request body. */
  public AdmissionAnswer answer(byte[] body) {
    return AdmissionRound.answer(body, decision::decide);
  }

  /** The answer to one request body; as it makes no remote call, {@code timeout} plays no part. */
  public AdmissionAnswer answer(byte[] body, Duration timeout) {
    return answer(body);
  }
}

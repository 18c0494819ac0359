package io.secretgate.server;

import io.secretgate.admission.AdmissionAnswer;
import java.time.Duration;

/** One admission route: a request body in, the answer to send out (never throws for bad input). */
@FunctionalInterface
public interface AdmissionEndpoint {
  /**
   * The answer to {@code body}, which the caller waits for at most {@code timeout} (kube-apiserver's
   * {@code ?timeout=}, or {@link RequestTimeout#DEFAULT} when the request names none).
   */
  AdmissionAnswer answer(byte[] body, Duration timeout);
}

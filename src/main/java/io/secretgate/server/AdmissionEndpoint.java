package io.secretgate.server;

import io.secretgate.admission.AdmissionAnswer;

/** One admission route: a request body in, the answer to send out (never throws for bad input). */
@FunctionalInterface
public interface AdmissionEndpoint {
  AdmissionAnswer answer(byte[] body);
}

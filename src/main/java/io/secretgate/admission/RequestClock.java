package io.secretgate.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The time of one admission request: the clock, when the request started, and its timeout. */
record RequestClock(Clock clock, Instant start, Duration timeout) {
  /** When kube-apiserver stops waiting for the answer. */
  Instant end() {
    return start.plus(timeout);
  }

  /** When asking Vault about a further store must be over: {@link ValidatingAdmission#MARGIN} before {@link #end()}. */
  Instant deadline() {
    return end().minus(ValidatingAdmission.MARGIN);
  }
}

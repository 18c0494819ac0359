package io.secretgate.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time of one admission request: the clock, when the request started, when asking Vault about
 * a further store must be over ({@code deadline}), and the request's timeout.
 */
record RequestClock(Clock clock, Instant start, Instant deadline, Duration timeout) {
  /** When kube-apiserver stops waiting for the answer. */
  Instant end() {
    return start.plus(timeout);
  }
}

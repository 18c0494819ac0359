package io.secretgate.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * The rule for the least wait before a failed key is tried again: the global rate limiter's wait,
 * and for a key Vault refused with 429, also Vault's {@code Retry-After}, capped at
 * {@link #RETRY_AFTER_CAP} (a broken or hostile header must not park a key for a day). The work
 * queue then takes the longer of this and the key's own exponential backoff.
 */
final class RetryDelay {
  /** The longest {@code Retry-After} honoured; the per-key backoff's own cap (7 minutes) is close. */
  static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(10);

  private RetryDelay() {}

  static Duration atLeast(Duration limiterWait, Optional<Duration> retryAfter) {
    Duration vault = retryAfter.filter(d -> !d.isNegative()).map(d -> d.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : d).orElse(Duration.ZERO);
    return vault.compareTo(limiterWait) > 0 ? vault : limiterWait;
  }
}

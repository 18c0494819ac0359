package io.secretgate.sync;

import java.time.Duration;
import java.util.Optional;

/** What the work queue does with a key after one reconcile. */
public sealed interface SyncResult {
  /** Done; look again after {@code after} (empty: only when something changes). */
  record Done(Optional<Duration> after) implements SyncResult {}

  /** Failed in a way that may heal (Vault down, a conflict): retry with backoff. */
  record Retry(String why) implements SyncResult {}

  /**
   * Vault refused a call with 429: retry no sooner than its {@code Retry-After} (when sent) nor
   * than the key's backoff, even if the ExternalSecret changes meanwhile.
   */
  record RateLimited(String why, Optional<Duration> retryAfter) implements SyncResult {}

  /** Failed in a way only a change can fix (invalid or unsupported spec): wait for a change. */
  record Blocked(String why) implements SyncResult {}

  static SyncResult after(Duration d) {
    return new Done(Optional.of(d));
  }

  static SyncResult untilChanged() {
    return new Done(Optional.empty());
  }
}

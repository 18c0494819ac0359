package io.secretgate.sync;

import io.secretgate.api.ExternalSecret;
import java.time.Duration;
import java.util.Optional;

/** What the work queue does with a key after one reconcile, and what the metrics report for it. */
public sealed interface SyncResult {
  /**
   * Done; look again after {@code after} (empty: only when something changes). {@code ready} is the
   * Ready condition the ExternalSecret is left with (true after a sync; as its status says after a
   * reconcile that did not sync; empty when it has none).
   */
  record Done(Optional<Duration> after, Optional<Boolean> ready) implements SyncResult {}

  /**
   * Failed in a way that may heal (Vault down, a conflict): retry with backoff. {@code ready} is the
   * Ready condition the ExternalSecret is left with: False when the failure was written to its status;
   * as its status says when nothing could be written (ESO moves its gauge only with the condition).
   */
  record Retry(String why, Optional<Boolean> ready) implements SyncResult {
    /** The failure was written to the ExternalSecret's status (Ready=False). */
    Retry(String why) {
      this(why, Optional.of(false));
    }
  }

  /**
   * Vault refused a call with 429: retry no sooner than its {@code Retry-After} (when sent) nor
   * than the key's backoff, even if the ExternalSecret changes meanwhile.
   */
  record RateLimited(String why, Optional<Duration> retryAfter) implements SyncResult {}

  /** Failed in a way only a change can fix (invalid or unsupported spec): wait for a change. */
  record Blocked(String why) implements SyncResult {}

  /**
   * The ExternalSecret no longer exists, or belongs to another controller (its stores have another
   * provider): nothing to do, and nothing to report about it.
   */
  record Gone() implements SyncResult {}

  /** Synced (Ready); again after {@code interval}, or only on a change when empty. */
  static SyncResult synced(Optional<Duration> interval) {
    return new Done(interval, Optional.of(true));
  }

  /** Not synced this time (nothing due); again after {@code after}, or only on a change when empty. */
  static SyncResult notDue(ExternalSecret es, Optional<Duration> after) {
    return new Done(after, ready(es));
  }

  /** Failed before its status could say so (a finalizer or status write refused, a bug): the Ready condition stays as it was. */
  static SyncResult unreported(ExternalSecret es, String why) {
    return new Retry(why, es == null ? Optional.empty() : ready(es));
  }

  /** The ExternalSecret's Ready condition as its status holds it. */
  private static Optional<Boolean> ready(ExternalSecret es) {
    if (es.getStatus() == null || es.getStatus().conditions == null) return Optional.empty();
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst()
        .filter(c -> "True".equals(c.status) || "False".equals(c.status)).map(c -> "True".equals(c.status));
  }
}

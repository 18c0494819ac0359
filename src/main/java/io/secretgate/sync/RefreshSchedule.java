package io.secretgate.sync;

import io.secretgate.api.RefreshPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an ExternalSecret must be read from Vault again (eso-facts.md §4.3), as a pure decision.
 * One deliberate difference from ESO: a change of spec, labels or annotations always triggers a
 * sync, also with {@code refreshInterval: 0} (ESO ignores it there, so users cannot force a sync).
 */
public final class RefreshSchedule {
  private RefreshSchedule() {}

  /** What the decision needs to know about the ExternalSecret and its target Secret. */
  public record Inputs(
      RefreshPolicy policy,
      Duration interval,
      Optional<Instant> lastRefresh,
      boolean changedSinceLastSync,
      boolean targetValid) {}

  /** The answer: sync now, at a later instant, or not until something changes. */
  public sealed interface Decision {
    /** Read Vault and write the Secret now. */
    record SyncNow(Cause cause) implements Decision {}

    /** Nothing to do before {@code at}. */
    record WaitUntil(Instant at) implements Decision {}

    /** Nothing to do until the ExternalSecret or its Secret changes. */
    record UntilChanged() implements Decision {}
  }

  /** Why a sync is due; a change asks for a fresh Vault read rather than one shared in the round. */
  public enum Cause {
    NEVER_SYNCED,
    TARGET_INVALID,
    CHANGED,
    INTERVAL_ELAPSED,
    /** Asked for from outside (the store's token changed); reads may be shared within the round. */
    REQUESTED;

    public boolean wantsFreshRead() {
      return this == CHANGED || this == TARGET_INVALID;
    }
  }

  /**
   * A sync asked for from outside the ExternalSecret (its store's token changed): due now, unless the
   * decision already syncs, or the policy is {@code CreatedOnce} (synced once, never again).
   */
  public static Decision requested(Inputs in, Instant now) {
    Decision d = decide(in, now);
    if (d instanceof Decision.SyncNow || in.policy() == RefreshPolicy.CreatedOnce) return d;
    return new Decision.SyncNow(Cause.REQUESTED);
  }

  /**
   * True when {@code interval} means "no periodic refresh": zero, and as in ESO (which checks
   * {@code <= 0}) any negative duration such as {@code -1m}, a valid Go duration.
   */
  public static boolean syncsOnce(Duration interval) {
    return interval.isZero() || interval.isNegative();
  }

  public static Decision decide(Inputs in, Instant now) {
    if (in.lastRefresh().isEmpty()) return new Decision.SyncNow(Cause.NEVER_SYNCED);
    if (!in.targetValid()) return new Decision.SyncNow(Cause.TARGET_INVALID);
    if (in.policy() == RefreshPolicy.CreatedOnce) return new Decision.UntilChanged();
    if (in.changedSinceLastSync()) return new Decision.SyncNow(Cause.CHANGED);
    if (in.policy() == RefreshPolicy.OnChange || syncsOnce(in.interval())) return new Decision.UntilChanged();
    Instant last = in.lastRefresh().get();
    // as ESO: a refreshTime ahead of this clock (written by a replica whose clock ran ahead) is due now, not in interval + skew
    if (last.isAfter(now)) return new Decision.SyncNow(Cause.INTERVAL_ELAPSED);
    Instant due = last.plus(in.interval());
    return due.isAfter(now) ? new Decision.WaitUntil(due) : new Decision.SyncNow(Cause.INTERVAL_ELAPSED);
  }
}

package io.secretgate.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Managed Secrets seen deleted lately (namespace/name), so that a Secret the controller creates can be
 * told apart as re-created (deleted to force a sync: its consumers may need a roll) from new (a first
 * deployment: nothing to roll). Bounded in size and in time.
 */
final class RecentlyDeleted {
  static final int MAX = 10_000;
  static final Duration KEPT = Duration.ofMinutes(10);

  private final Clock clock;
  private final Map<String, Instant> seen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > MAX;
    }
  };

  RecentlyDeleted(Clock clock) {
    this.clock = clock;
  }

  synchronized void deleted(String key) {
    seen.remove(key);
    seen.put(key, clock.instant());
  }

  /** True (once) when {@code key} was seen deleted within {@link #KEPT}. */
  synchronized boolean take(String key) {
    Instant at = seen.remove(key);
    return at != null && Duration.between(at, clock.instant()).compareTo(KEPT) <= 0;
  }
}

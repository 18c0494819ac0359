package io.secretgate.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this controller has just written and its informers have not shown yet, so that the events
 * of its own writes (a created Secret, a status update) do not make it sync the same
 * ExternalSecret again from a cache that lags behind. Every mistake here errs towards one sync
 * too many, never one too few: a status write counts only while the cached ExternalSecret is still
 * the very version the sync started from, any informer event on a written Secret ends its entry,
 * and nothing is trusted for longer than {@code maxAge}.
 */
final class OwnWrites {
  /** The status this controller wrote on an ExternalSecret whose cached version was {@code syncedFrom}. */
  record Status(String syncedFrom, Instant refreshTime, String syncedResourceVersion, Instant writtenAt) {}

  private final Clock clock;
  private final Duration maxAge;
  private final Map<String, Status> statuses = new ConcurrentHashMap<>();
  private final Map<String, Instant> secrets = new ConcurrentHashMap<>();

  OwnWrites(Clock clock, Duration maxAge) {
    this.clock = clock;
    this.maxAge = maxAge;
  }

  void wroteStatus(String esKey, Status status) {
    statuses.put(esKey, status);
  }

  /** Our status write, when the cache still shows the ExternalSecret at {@code cachedVersion}, the version it was written over. */
  Optional<Status> unseenStatus(String esKey, String cachedVersion) {
    Status s = statuses.get(esKey);
    if (s == null) return Optional.empty();
    if (s.syncedFrom().equals(cachedVersion) && young(s.writtenAt())) return Optional.of(s);
    statuses.remove(esKey, s);
    return Optional.empty();
  }

  void wroteSecret(String secretKey) {
    secrets.put(secretKey, clock.instant());
  }

  /** True while a Secret written by us has not been seen by the informer since. */
  boolean secretUnseen(String secretKey) {
    Instant at = secrets.get(secretKey);
    if (at == null) return false;
    if (young(at)) return true;
    secrets.remove(secretKey, at);
    return false;
  }

  /** The informer delivered an event on this Secret: the cache is at least as new as our write. */
  void sawSecret(String secretKey) {
    secrets.remove(secretKey);
  }

  /** Drops entries older than {@code maxAge} (called periodically). */
  void expire() {
    Instant cutoff = clock.instant().minus(maxAge);
    statuses.values().removeIf(s -> s.writtenAt().isBefore(cutoff));
    secrets.values().removeIf(at -> at.isBefore(cutoff));
  }

  private boolean young(Instant at) {
    return at.isAfter(clock.instant().minus(maxAge));
  }
}

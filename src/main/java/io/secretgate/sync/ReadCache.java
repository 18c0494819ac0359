package io.secretgate.sync;

import io.secretgate.secrets.json.JsonValue;
import io.secretgate.vault.KvApi;
import io.secretgate.vault.KvApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Makes ExternalSecrets that read the same Vault path through the same connection (server,
 * namespace, headers, token) within one sync round share one Vault call: concurrent readers wait for the
 * call already in flight, later readers in the same round reuse its answer. A round is the work
 * queue's busy period: it ends when the controller has nothing left to do ({@link #endRound}), or
 * at the latest {@code maxRound} after it began, so no answer is reused for longer than that and
 * the next refresh always reads Vault again. Failures are shared with concurrent waiters but never
 * kept.
 */
public final class ReadCache {
  private final Clock clock;
  private final Duration maxRound;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final Object roundLock = new Object();
  private volatile long round;
  private volatile Instant roundStarted;

  /** {@code maxRound}: the longest a round lasts, however busy the controller stays. */
  public ReadCache(Clock clock, Duration maxRound) {
    this.clock = clock;
    this.maxRound = maxRound;
    this.roundStarted = clock.instant();
  }

  private record Key(String connection, String op, String path, String version) {}

  private record Entry(CompletableFuture<Object> answer, long round) {}

  /** A KvApi over {@code delegate} whose calls are shared with every other user of {@code connection}. */
  public KvApi around(String connection, KvApi delegate) {
    return around(connection, delegate, false);
  }

  /**
   * As {@link #around(String, KvApi)}; with {@code fresh}, every call goes to Vault and its answer
   * replaces the shared one (a sync forced by a change must see Vault as it is now).
   */
  public KvApi around(String connection, KvApi delegate, boolean fresh) {
    return new KvApi() {
      @Override
      @SuppressWarnings("unchecked")
      public Optional<JsonValue> read(String apiPath, String version) throws KvApiException {
        return (Optional<JsonValue>) shared(new Key(connection, "read", apiPath, version), fresh, () -> delegate.read(apiPath, version));
      }

      @Override
      @SuppressWarnings("unchecked")
      public Optional<List<String>> list(String apiPath) throws KvApiException {
        return (Optional<List<String>>) shared(new Key(connection, "list", apiPath, null), fresh, () -> delegate.list(apiPath));
      }
    };
  }

  /** Forget everything read through {@code connection} (e.g. its token changed). */
  public void invalidate(String connection) {
    entries.keySet().removeIf(k -> k.connection().equals(connection));
  }

  /** The current round (a number that grows); starts a new one first when this one is too old. */
  public long round() {
    Instant now = clock.instant();
    synchronized (roundLock) {
      if (!now.isBefore(roundStarted.plus(maxRound))) startRound(now);
      return round;
    }
  }

  /** The controller ran out of work: the next sync belongs to a new round and reads Vault again. */
  public void endRound() {
    synchronized (roundLock) {
      startRound(clock.instant());
    }
  }

  /** Ends the round if it is older than {@code maxRound}; call periodically (frees memory when idle). */
  public void expire() {
    round();
  }

  private void startRound(Instant now) {
    round++;
    roundStarted = now;
    long current = round;
    entries.values().removeIf(e -> e.answer().isDone() && e.round() < current);
  }

  private interface Call {
    Object run() throws KvApiException;
  }

  private Object shared(Key key, boolean fresh, Call call) throws KvApiException {
    long current = round();
    CompletableFuture<Object> mine = new CompletableFuture<>();
    Entry entry = entries.compute(key, (k, old) -> !fresh && old != null && old.round() == current ? old : new Entry(mine, current));
    if (entry.answer() == mine) {
      try {
        mine.complete(call.run());
      } catch (KvApiException | RuntimeException e) {
        mine.completeExceptionally(e);
        entries.remove(key, entry);
      }
    }
    try {
      return entry.answer().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KvApiException(io.secretgate.secrets.SecretSourceException.Reason.UNAVAILABLE, "interrupted while waiting for Vault");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KvApiException k) throw k;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }
}

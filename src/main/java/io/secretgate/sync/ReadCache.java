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
 * namespace, token) within one sync round share one Vault call: concurrent readers wait for the
 * call already in flight, later readers in the same round reuse its answer. A round is a short
 * window ({@code window}); failures are shared with concurrent waiters but never kept.
 */
public final class ReadCache {
  private final Clock clock;
  private final Duration window;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  public ReadCache(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  private record Key(String connection, String op, String path, String version) {}

  private record Entry(CompletableFuture<Object> answer, Instant startedAt) {}

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

  /** Drop answers older than the window; call once per round or periodically. */
  public void expire() {
    Instant cutoff = clock.instant().minus(window);
    entries.values().removeIf(e -> e.answer().isDone() && e.startedAt().isBefore(cutoff));
  }

  private interface Call {
    Object run() throws KvApiException;
  }

  private Object shared(Key key, boolean fresh, Call call) throws KvApiException {
    Instant now = clock.instant();
    CompletableFuture<Object> mine = new CompletableFuture<>();
    Entry entry = entries.compute(key, (k, old) -> !fresh && old != null && !old.startedAt().isBefore(now.minus(window)) ? old : new Entry(mine, now));
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

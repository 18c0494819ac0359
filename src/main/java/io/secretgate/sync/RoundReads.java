package io.secretgate.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Values read from the cluster (a store's token, its caProvider CA, its client certificate) at most once per sync round:
 * the first sync of a round reads, the others of that round reuse the value. A sync asking for
 * fresh reads reads again; a failed read is not kept, so the next sync tries again.
 */
final class RoundReads<T> {
  private record Read<T>(long round, T value) {}

  private final LongSupplier round;
  private final Map<String, Read<T>> values = new ConcurrentHashMap<>();

  /** {@code round}: the number of the current sync round. */
  RoundReads(LongSupplier round) {
    this.round = round;
  }

  /** The value under {@code key}: kept from this round, else (or when {@code fresh}) what {@code read} returns now. */
  T get(String key, boolean fresh, Supplier<T> read) {
    long now = round.getAsLong();
    return values.compute(key, (k, known) -> !fresh && known != null && known.round() == now ? known : new Read<>(now, read.get())).value();
  }

  /** Every value is read again at its next use, whatever the round. */
  void forget() {
    values.clear();
  }
}

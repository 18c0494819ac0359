package io.secretgate.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A work queue of keys, with client-go's guarantees: a key is queued at most once however often
 * it is added; a key is never handed to two workers at once (adding it while it is being processed
 * queues it again once {@link #done} is called); keys may be added after a delay, and failures
 * back off per key ({@link #retry}) until {@link #forget}.
 */
public final class WorkQueue<K> {
  private final Clock clock;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Entry<K>> scheduled = new PriorityQueue<>();
  private final Map<K, Instant> readyAt = new HashMap<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Instant> dirty = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final Map<K, Instant> heldUntil = new HashMap<>();
  private long sequence;
  private boolean shutDown;

  public WorkQueue(Clock clock, Backoff backoff) {
    this.clock = clock;
    this.backoff = backoff;
  }

  private record Entry<K>(Instant at, long seq, K key) implements Comparable<Entry<K>> {
    @Override
    public int compareTo(Entry<K> o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** Queue {@code key} now. */
  public void add(K key) {
    addAfter(key, Duration.ZERO);
  }

  /** Queue {@code key} after {@code delay}; an earlier time already queued wins. */
  public void addAfter(K key, Duration delay) {
    lock.lock();
    try {
      if (shutDown) return;
      Instant at = clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay);
      if (processing.contains(key)) {
        dirty.merge(key, at, (a, b) -> a.isBefore(b) ? a : b);
        return;
      }
      schedule(key, at);
    } finally {
      lock.unlock();
    }
  }

  /** The key failed: queue it again after its backoff (or {@code atLeast}, if longer). */
  public Duration retry(K key, Duration atLeast) {
    int n;
    lock.lock();
    try {
      n = failures.merge(key, 1, Integer::sum);
    } finally {
      lock.unlock();
    }
    Duration d = backoff.delay(n);
    if (atLeast.compareTo(d) > 0) d = atLeast;
    addAfter(key, d);
    return d;
  }

  /** The key failed: queue it again after its backoff, which grows with each failure. */
  public Duration retry(K key) {
    int n;
    lock.lock();
    try {
      n = failures.merge(key, 1, Integer::sum);
    } finally {
      lock.unlock();
    }
    Duration d = backoff.delay(n);
    addAfter(key, d);
    return d;
  }

  /**
   * Hand {@code key} to no worker for {@code delay}, however often it is added meanwhile (Vault
   * asked us to wait); {@link #forget} ends the hold. Returns {@code delay}.
   */
  public Duration holdFor(K key, Duration delay) {
    lock.lock();
    try {
      Instant until = clock.instant().plus(delay);
      heldUntil.put(key, until);
      Instant current = readyAt.get(key);
      if (current != null && current.isBefore(until)) {
        readyAt.put(key, until);
        scheduled.add(new Entry<>(until, sequence++, key));
      }
      Instant again = dirty.get(key);
      if (again != null && again.isBefore(until)) dirty.put(key, until);
      return delay;
    } finally {
      lock.unlock();
    }
  }

  /** When {@code key} is next due, if it is queued or scheduled. */
  public Optional<Instant> dueAt(K key) {
    lock.lock();
    try {
      Instant at = readyAt.get(key);
      return Optional.ofNullable(at != null ? at : dirty.get(key));
    } finally {
      lock.unlock();
    }
  }

  /** The key succeeded: its next failure starts from the base delay again. */
  public void forget(K key) {
    lock.lock();
    try {
      failures.remove(key);
      heldUntil.remove(key);
    } finally {
      lock.unlock();
    }
  }

  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  /** A key that is due, marked as being processed; empty when none is due now. */
  public Optional<K> poll() {
    lock.lock();
    try {
      return Optional.ofNullable(takeDue());
    } finally {
      lock.unlock();
    }
  }

  /** Waits (up to {@code timeout}) for a due key; empty on timeout or shutdown. */
  public Optional<K> take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!shutDown) {
        K key = takeDue();
        if (key != null) return Optional.of(key);
        long left = deadline - System.nanoTime();
        if (left <= 0) return Optional.empty();
        Entry<K> next = scheduled.peek();
        long wait = next == null ? left : Math.min(left, Math.max(1, Duration.between(clock.instant(), next.at).toNanos()));
        changed.await(wait, TimeUnit.NANOSECONDS);
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** The worker finished {@code key}; if it was added meanwhile, it is queued again. */
  public void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      Instant again = dirty.remove(key);
      if (again != null && !shutDown) schedule(key, again);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keys due now and waiting for a worker (as client-go's {@code workqueue_depth}: not those being
   * processed, nor those scheduled for later, such as every synced key waiting for its next refresh).
   */
  public int depth() {
    lock.lock();
    try {
      Instant now = clock.instant();
      return (int) readyAt.values().stream().filter(at -> !at.isAfter(now)).count();
    } finally {
      lock.unlock();
    }
  }

  /** Nothing is being processed and nothing is due now (keys scheduled for later may wait). */
  public boolean idle() {
    lock.lock();
    try {
      if (!processing.isEmpty() || !dirty.isEmpty()) return false;
      Instant now = clock.instant();
      return readyAt.values().stream().allMatch(at -> at.isAfter(now));
    } finally {
      lock.unlock();
    }
  }

  public void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void schedule(K key, Instant requested) {
    Instant held = heldUntil.get(key);
    Instant at = held != null && requested.isBefore(held) ? held : requested;
    Instant current = readyAt.get(key);
    if (current != null && !at.isBefore(current)) return;
    readyAt.put(key, at);
    scheduled.add(new Entry<>(at, sequence++, key));
    changed.signalAll();
  }

  private K takeDue() {
    Instant now = clock.instant();
    while (!scheduled.isEmpty() && !scheduled.peek().at.isAfter(now)) {
      Entry<K> e = scheduled.poll();
      if (!e.at.equals(readyAt.get(e.key))) continue; // superseded by an earlier time
      readyAt.remove(e.key);
      processing.add(e.key);
      heldUntil.remove(e.key); // its hold is over (a new one is set if Vault refuses again)
      return e.key;
    }
    return null;
  }
}

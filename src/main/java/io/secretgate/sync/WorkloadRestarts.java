package io.secretgate.sync;

import io.secretgate.kube.Events;
import io.secretgate.kube.KubeWriteException;
import io.secretgate.kube.Workloads;
import io.secretgate.rollout.RolloutPlan;
import io.secretgate.rollout.Workload;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.threads.ThreadHealth;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls the workloads annotated {@code secretgate.io/restart-on-change: "true"} when the data of a
 * Secret they consume changes. Changes are batched per namespace: the first change opens a window
 * ({@code window}, one refresh round), every Secret changed in it is collected, and when it closes
 * the namespace's workloads are listed once and each affected one is patched once, with the hash
 * over all the Secrets it consumes. Several Secrets changing together therefore roll a workload
 * once; the same hash is never written twice, and our patch of a workload triggers nothing here.
 * A created Secret rolls only the workloads rolled before ({@link RolloutPlan}): a first deployment
 * is not restarted, a Secret deleted and created again with new data is.
 *
 * <p>A batch that fails (a refused or unanswered list, read or patch, or a stack overflow) is not
 * lost: its Secrets go back to the namespace's pending batch, merged with any changed since, and it
 * is tried again after an exponential backoff from one window up to {@link #RETRY_CAP}. A workload
 * patched before the failure already carries its new hash, so the retry does not roll it again.
 * Any other {@link Error} on the timer makes the controller unhealthy ({@link ThreadHealth}).
 */
public final class WorkloadRestarts implements AutoCloseable {
  public static final String EVENT_REASON = "RolloutTriggered";
  /** One refresh round, as {@link ReadCache}'s window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(2);
  /** The longest wait before a failed batch is tried again. */
  public static final Duration RETRY_CAP = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadRestarts.class);

  private final Workloads workloads;
  private final Events events;
  private final SyncMetrics metrics;
  private final Duration window;
  private final Backoff retries;
  private final ThreadHealth health;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "secretgate-workload-restarts");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Batch> pending = new HashMap<>();
  /** Failed flushes in a row, by namespace; guarded by {@code pending}. */
  private final Map<String, Integer> failures = new HashMap<>();

  /** The Secrets of one namespace changed, and created, in one window. */
  private record Batch(Set<String> changed, Set<String> created) {
    Batch() {
      this(new TreeSet<>(), new TreeSet<>());
    }

    Set<String> names() {
      Set<String> all = new TreeSet<>(changed);
      all.addAll(created);
      return all;
    }

    void addAll(Batch other) {
      changed.addAll(other.changed);
      created.addAll(other.created);
    }
  }

  /** Failed batches are tried again after {@link #retryBackoff(Duration)}. */
  public WorkloadRestarts(Workloads workloads, Events events, SyncMetrics metrics, Duration window) {
    this(workloads, events, metrics, window, retryBackoff(window));
  }

  public WorkloadRestarts(Workloads workloads, Events events, SyncMetrics metrics, Duration window, Backoff retries) {
    this(workloads, events, metrics, window, retries, new ThreadHealth("workload restarts"));
  }

  /** {@code health}: turns unhealthy when a timer task dies of an {@link Error} (see {@link ThreadHealth}). */
  WorkloadRestarts(Workloads workloads, Events events, SyncMetrics metrics, Duration window, Backoff retries, ThreadHealth health) {
    this.health = health;
    this.workloads = workloads;
    this.events = events;
    this.metrics = metrics;
    this.window = window;
    this.retries = retries;
  }

  /** One window, doubling up to {@link #RETRY_CAP}, less up to 20% jitter so that namespaces failing together spread out. */
  static Backoff retryBackoff(Duration window) {
    return new Backoff(window, RETRY_CAP, 0.2, Math::random);
  }

  /** The data of Secret {@code namespace/name} changed (written by this controller). */
  public void secretChanged(String namespace, String name) {
    add(namespace, name, false);
  }

  /** Secret {@code namespace/name} did not exist and was created by this controller. */
  public void secretCreated(String namespace, String name) {
    add(namespace, name, true);
  }

  private void add(String namespace, String name, boolean created) {
    boolean opened;
    synchronized (pending) {
      Batch batch = pending.get(namespace);
      opened = batch == null;
      if (opened) pending.put(namespace, batch = new Batch());
      (created ? batch.created() : batch.changed()).add(name);
    }
    if (opened && !schedule(namespace, window)) flush(namespace); // closing: roll now rather than forget the change
  }

  /** False when the timer is closed. */
  private boolean schedule(String namespace, Duration delay) {
    try {
      timer.schedule(health.guarded("restarting workloads in " + namespace, () -> flush(namespace)), delay.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Closes every open window now (tests, shutdown). */
  public void flushAll() {
    List<String> namespaces;
    synchronized (pending) {
      namespaces = List.copyOf(pending.keySet());
    }
    namespaces.forEach(this::flush);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  void flush(String namespace) {
    Batch batch;
    synchronized (pending) {
      batch = pending.remove(namespace);
    }
    if (batch == null) return;
    try {
      roll(namespace, batch);
      synchronized (pending) {
        failures.remove(namespace);
      }
    } catch (KubeWriteException e) {
      retryLater(namespace, batch, e.getMessage()); // names and HTTP codes only, never a value
    } catch (RuntimeException | StackOverflowError e) { // a stack overflow has unwound: the batch is not lost
      retryLater(namespace, batch, "failed unexpectedly (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Puts {@code batch} back, merged with what changed since, and tries again after the backoff, unless
   * a change since has already opened a window (its flush takes the batch along).
   */
  private void retryLater(String namespace, Batch batch, String why) {
    int failed;
    boolean opened;
    synchronized (pending) {
      failed = failures.merge(namespace, 1, Integer::sum);
      Batch since = pending.get(namespace);
      opened = since == null;
      if (opened) pending.put(namespace, batch);
      else since.addAll(batch);
    }
    String failure = "restarting workloads in " + namespace + " after a change of Secret(s) " + batch.names() + " failed (" + failed
        + " in a row): " + why;
    if (!opened) {
      LOG.warn("{}; trying again with the changes since", failure);
      return;
    }
    Duration delay = retries.delay(failed);
    if (schedule(namespace, delay)) LOG.warn("{}; trying again in {} ms", failure, delay.toMillis());
    else LOG.warn("{}; not tried again: shutting down", failure);
  }

  private void roll(String namespace, Batch batch) {
    List<Workloads.Found> found = workloads.annotated(namespace);
    if (found.isEmpty()) return;
    Map<String, Optional<String>> hashes = new HashMap<>();
    List<Workload> candidates = found.stream().map(f -> Workload.of(f.kind(), f.object().getMetadata(), f.template(), f.paused())).toList();
    KubeWriteException failed = null;
    for (RolloutPlan.Rollout r : RolloutPlan.plan(candidates, batch.changed(), batch.created(), n -> hashes.computeIfAbsent(n, k -> workloads.dataHash(namespace, k)))) {
      Workloads.Found object = found.stream().filter(f -> f.kind().equals(r.workload().kind())
          && f.object().getMetadata().getName().equals(r.workload().name())).findFirst().orElseThrow();
      try {
        roll(object, r);
      } catch (KubeWriteException e) {
        LOG.warn("could not roll {} {}/{}: {}", r.workload().kind(), namespace, r.workload().name(), e.getMessage());
        failed = e;
      }
    }
    if (failed != null) throw failed; // the others are rolled; the retry finds their hash current
  }

  private void roll(Workloads.Found object, RolloutPlan.Rollout r) {
    Workload w = r.workload();
    workloads.roll(w.kind(), w.namespace(), w.name(), r.hash());
    metrics.workloadRestart(w.kind());
    String message = r.message();
    LOG.info("{} {}/{} {}", w.kind(), w.namespace(), w.name(), message);
    events.record(Workloads.reference(object), SyncEvent.normal(EVENT_REASON, message));
  }
}

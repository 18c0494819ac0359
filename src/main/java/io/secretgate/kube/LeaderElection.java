package io.secretgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.secretgate.config.LeaderElectionSettings;
import io.secretgate.threads.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over a {@code coordination.k8s.io/v1} Lease with fabric8's {@code LeaderElector}:
 * only the leader reconciles. A leader that cannot renew steps down and enters the election again;
 * {@link #stop()} releases the lease, so that a standby takes over at its next retry instead of
 * waiting for the lease to expire. When election is off, the process leads from {@link #start()}.
 *
 * <p>fabric8 releases with a JSON merge patch, which cannot clear {@code holderIdentity}: a released
 * Lease still names its last holder but lasts one second from the release, after which any standby
 * takes it.
 *
 * <p>The election talks to the API server through a client of its own, made from the given one's
 * configuration but without retries and with a request timeout of half the renew deadline: a
 * renewal must fail in time rather than hang, and {@link #stop(Duration)} must not wait for retries.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** Told about leadership changes, on the election's thread: return quickly. */
  public interface Listener {
    void startedLeading();

    void stoppedLeading();

    default void newLeader(String identity) {}
  }

  private final KubernetesClient client;
  private final LeaderElectionSettings settings;
  private final Listener listener;
  private final ExecutorService executor;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicReference<String> leader = new AtomicReference<>();
  private final AtomicReference<Instant> leaseEnds = new AtomicReference<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile boolean broken;
  private CompletableFuture<?> term;

  private LeaderElection(KubernetesClient client, LeaderElectionSettings settings, Listener listener) {
    this.client = client;
    this.settings = settings;
    this.listener = listener;
    this.executor = client == null ? null : Executors.newCachedThreadPool(DaemonThreads.numbered("leader-election"));
  }

  /** An election on the Lease {@code settings.leaseNamespace()/settings.leaseName()}, on a client made from {@code client}'s configuration. */
  public static LeaderElection onLease(KubernetesClient client, LeaderElectionSettings settings, Listener listener) {
    return new LeaderElection(BoundedClients.from(client, settings.renewDeadline().dividedBy(2)), settings, listener);
  }

  /** No election: {@link #start()} makes this process the leader at once. */
  public static LeaderElection disabled(LeaderElectionSettings settings, Listener listener) {
    return new LeaderElection(null, settings, listener);
  }

  /** Enters the election (once); returns at once, leadership comes through the listener. */
  public void start() {
    if (!started.compareAndSet(false, true)) throw new IllegalStateException("leader election already started");
    if (client == null) {
      newLeader(settings.identity());
      startedLeading();
      return;
    }
    log.info("entering leader election on Lease {}/{} as {}", settings.leaseNamespace(), settings.leaseName(), settings.identity());
    startTerm();
  }

  /** True while this process holds the lease (or election is off and it was started). */
  public boolean isLeader() {
    return leading.get();
  }

  /** The holder of the lease last seen, if any. */
  public Optional<String> leader() {
    return Optional.ofNullable(leader.get());
  }

  /**
   * How long the lease this process last wrote stays its own (its renew time plus its duration, from
   * now): after that another replica may take it. Zero when it wrote none or that time has passed.
   * fabric8 notices a failed renewal only at a retry after the renew deadline, so this is what a
   * leader that stops leading has left, not lease duration minus renew deadline.
   */
  public Duration leaseLeft() {
    Instant ends = leaseEnds.get();
    if (ends == null) return Duration.ZERO;
    Duration left = Duration.between(Instant.now(), ends);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** True once a leader, this process or another, has been seen: the election works. */
  public boolean hasObservedLeader() {
    return leader.get() != null;
  }

  /** True from {@link #start()} until {@link #stop()}, unless the election could not be entered (again). */
  public boolean running() {
    return started.get() && !stopping && !broken;
  }

  /** {@link #stop(Duration)} with ten seconds to release the lease. */
  public void stop() {
    stop(Duration.ofSeconds(10));
  }

  /**
   * Leaves the election: releases the lease if held (fabric8's releaseOnCancel) and tells the
   * listener. Returns within about {@code timeout}; a lease not released by then expires on its own.
   */
  public void stop(Duration timeout) {
    CompletableFuture<?> current;
    synchronized (this) {
      if (stopping) return;
      stopping = true;
      current = term;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (current != null) release(current, timeout);
    stoppedLeading();
    if (executor != null) {
      executor.shutdown();
      awaitQuietly(executor, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      client.close();
    }
  }

  /** Cancels the term on the election's own thread, so that a hanging API call cannot hold up the caller. */
  private void release(CompletableFuture<?> current, Duration timeout) {
    try {
      executor.submit(() -> current.cancel(true)).get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("could not release Lease {}/{} within {}; it expires on its own", settings.leaseNamespace(),
          settings.leaseName(), timeout);
    } catch (ExecutionException e) {
      log.warn("could not release Lease {}/{}", settings.leaseNamespace(), settings.leaseName(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startTerm() {
    if (stopping) return;
    try {
      CompletableFuture<?> next = new LeaderElectorBuilder(client, executor).withConfig(config()).build().start();
      term = next;
      next.whenComplete((ok, error) -> termEnded(error));
    } catch (RuntimeException e) {
      broken = true;
      log.error("could not enter leader election on Lease {}/{}", settings.leaseNamespace(), settings.leaseName(), e);
    }
  }

  private void termEnded(Throwable error) {
    stoppedLeading();
    if (stopping) return;
    if (error != null && !(error instanceof CancellationException)) {
      log.warn("leader election on Lease {}/{} failed; entering it again", settings.leaseNamespace(), settings.leaseName(), error);
    } else {
      log.warn("could not renew Lease {}/{} in time; entering the election again", settings.leaseNamespace(), settings.leaseName());
    }
    executor.execute(this::startTerm);
  }

  private LeaderElectionConfig config() {
    return new LeaderElectionConfigBuilder()
        .withName("secretgate")
        .withLock(new RecordingLock())
        .withLeaseDuration(settings.leaseDuration())
        .withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
        .build();
  }

  private void startedLeading() {
    if (stopping || !leading.compareAndSet(false, true)) return;
    log.info("became the leader ({} on Lease {}/{})", settings.identity(), settings.leaseNamespace(), settings.leaseName());
    listener.startedLeading();
  }

  private void stoppedLeading() {
    if (!leading.compareAndSet(true, false)) return;
    log.info("stopped leading ({} on Lease {}/{})", settings.identity(), settings.leaseNamespace(), settings.leaseName());
    listener.stoppedLeading();
  }

  private void newLeader(String identity) {
    if (identity == null || identity.isEmpty()) return;
    String before = leader.getAndSet(identity);
    if (!identity.equals(before) && !identity.equals(settings.identity())) log.info("the leader is {}", identity);
    listener.newLeader(identity);
  }

  /** Notes when a lease this process wrote (took or renewed, with itself as holder) runs out. */
  private void wrote(LeaderElectionRecord r) {
    if (settings.identity().equals(r.getHolderIdentity()) && r.getRenewTime() != null && r.getLeaseDuration() != null) {
      leaseEnds.set(r.getRenewTime().toInstant().plus(r.getLeaseDuration()));
    }
  }

  /** The Lease lock, telling {@link #wrote} of every record written to the API server. */
  private final class RecordingLock extends LeaseLock {
    RecordingLock() {
      super(settings.leaseNamespace(), settings.leaseName(), settings.identity());
    }

    @Override
    public synchronized void create(KubernetesClient c, LeaderElectionRecord r) {
      super.create(c, r);
      wrote(r);
    }

    @Override
    public synchronized void update(KubernetesClient c, LeaderElectionRecord r) {
      super.update(c, r);
      wrote(r);
    }
  }

  private static void awaitQuietly(ExecutorService executor, Duration timeout) {
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) executor.shutdownNow();
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

package io.secretgate.app;

import io.secretgate.kube.LeaderElection;
import io.secretgate.sync.Controller;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one controller per leadership term: a fresh one starts when this process starts leading and
 * stops when it stops leading. Starts and stops happen in order on one thread of their own, so the
 * election's thread never waits for informers or in-flight work.
 */
final class ControllerTerms implements LeaderElection.Listener {
  private static final Logger log = LoggerFactory.getLogger(ControllerTerms.class);

  private final Supplier<Controller> controllers;
  private final Supplier<Duration> stepDownGrace;
  private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "controller-lifecycle");
    t.setDaemon(true);
    return t;
  });
  private volatile Controller current;
  private volatile boolean startFailed;
  private volatile boolean closed;

  /**
   * @param stepDownGrace how long in-flight work may take when leadership is lost, asked when the
   *     controller stops: at most the time left before another replica may take the lease
   */
  ControllerTerms(Supplier<Controller> controllers, Supplier<Duration> stepDownGrace) {
    this.controllers = controllers;
    this.stepDownGrace = stepDownGrace;
  }

  @Override
  public void startedLeading() {
    submit(this::startTerm);
  }

  @Override
  public void stoppedLeading() {
    submit(() -> stopTerm(stepDownGrace.get()));
  }

  /** True while the controller of the current term runs and says it is ready. */
  boolean ready() {
    Controller c = current;
    return c != null && c.ready();
  }

  /** False once a controller failed to start or says it is not healthy: a leader that cannot reconcile should be restarted. */
  boolean healthy() {
    Controller c = current;
    return !startFailed && (c == null || c.healthy());
  }

  /**
   * Stops the current term's controller (no new work; up to {@code grace} for the work in flight)
   * and starts no other. Returns within {@code grace}.
   */
  void shutdown(Duration grace) {
    closed = true;
    Future<?> stopped = lifecycle.submit(() -> stopTerm(grace));
    try {
      stopped.get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("work in flight did not finish within {}; stopping anyway", grace);
    } catch (ExecutionException e) {
      log.warn("the controller failed to stop cleanly", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lifecycle.shutdownNow();
    }
  }

  /** Queues a start or stop; after {@link #shutdown} there is nothing left to start or stop. */
  private void submit(Runnable step) {
    if (closed) return;
    try {
      lifecycle.execute(step);
    } catch (RejectedExecutionException e) {
      // shut down meanwhile: the shutdown stopped the controller itself
    }
  }

  private void startTerm() {
    if (closed || current != null) return;
    try {
      Controller c = controllers.get();
      c.start();
      current = c;
      log.info("controller started");
    } catch (RuntimeException e) {
      startFailed = true;
      log.error("the controller failed to start", e);
    } catch (Error e) {
      // Not rethrown: it would end this thread unseen and leave a leader that never reconciles, healthy.
      startFailed = true;
      log.error("the controller failed to start: {}; /healthz fails until the Pod is restarted", e.getClass().getSimpleName());
    }
  }

  private void stopTerm(Duration grace) {
    Controller c = current;
    if (c == null) return;
    current = null;
    log.info("controller stopping; up to {} for work in flight", grace);
    c.stop(grace);
    log.info("controller stopped");
  }
}

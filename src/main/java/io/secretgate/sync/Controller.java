package io.secretgate.sync;

import java.time.Duration;

/**
 * Something that reconciles only while this process leads: the sync reconciler. {@code serve}
 * creates one per leadership term, calls {@link #start()} when it wins the lease and
 * {@link #stop(Duration)} when it loses it or shuts down; a stopped controller is not started again.
 */
public interface Controller {

  /** Starts informers and workers; returns without waiting for the informers to sync. */
  void start();

  /**
   * Stops taking work and waits up to {@code grace} for the work in flight to finish; returns when
   * it has, or when the grace is over.
   */
  void stop(Duration grace);

  /** True once started and its informers have synced; {@code /readyz} asks this while leading. */
  boolean ready();

  /**
   * False once the controller cannot be trusted to go on (a worker died of an {@link Error} that may
   * leave the JVM unsound): {@code /healthz} fails so that the kubelet restarts the Pod.
   */
  default boolean healthy() {
    return true;
  }

  /** A controller that does nothing and is ready at once, for a process with nothing to reconcile yet. */
  static Controller noop() {
    return new Controller() {
      @Override
      public void start() {}

      @Override
      public void stop(Duration grace) {}

      @Override
      public boolean ready() {
        return true;
      }
    };
  }
}

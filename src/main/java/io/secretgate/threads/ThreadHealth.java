package io.secretgate.threads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the background threads of one component (workers, timers, pollers) can still be trusted.
 * A task run {@link #guarded} that fails with an exception or a {@link StackOverflowError} (the stack
 * has unwound) is logged by type and runs again at its next turn. Any other {@link Error} (such as
 * {@code NoClassDefFoundError}) may leave the JVM unsound: it is logged by type, and
 * {@link #healthy()} is false from then on so that {@code /healthz} fails and the kubelet restarts
 * the Pod. A periodic task of a {@code ScheduledExecutorService} that throws is otherwise never run
 * again, silently.
 */
public final class ThreadHealth {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadHealth.class);

  private final String component;
  private volatile boolean died;

  /** @param component what turns unhealthy, for the log ("the controller") */
  public ThreadHealth(String component) {
    this.component = component;
  }

  /** {@code task}, failing as the class comment says; {@code name} says what it is in the log. */
  public Runnable guarded(String name, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | StackOverflowError e) {
        LOG.warn("{} failed unexpectedly ({}); trying again at its next turn", name, e.getClass().getSimpleName());
      } catch (Error e) {
        died(name, e);
      }
    };
  }

  /** {@code name} stopped on {@code e}, an {@link Error} other than a stack overflow: unhealthy from now on. */
  public void died(String name, Error e) {
    died = true;
    LOG.error("{} stopped: it failed with {}; {} is unhealthy (/healthz fails) until the Pod is restarted", name, e.getClass().getSimpleName(),
        component);
  }

  /** False once a task died of an {@link Error} that may leave the JVM unsound. */
  public boolean healthy() {
    return !died;
  }
}

package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.threads.ThreadHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events recorded without waiting for the API server, as client-go's broadcaster does: {@link #record}
 * queues the event (at most {@link #CAPACITY}; when full, it is dropped and logged) and one daemon
 * thread writes them in order through an {@link EventRecorder}, so a slow or throttled events API never
 * holds a sync. Each event keeps the time it was recorded at. {@link #stop} sends what is queued
 * within its time limit and drops the rest (one log line with their count). A sender thread that
 * dies of an {@link Error} makes {@code health} unhealthy ({@link ThreadHealth}).
 */
public final class QueuedEvents implements Events {
  /** client-go's {@code maxQueuedEvents}. */
  public static final int CAPACITY = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(QueuedEvents.class);

  private record Pending(ObjectReference involved, SyncEvent event, Instant at) {}

  /** Put behind the last event by {@link #stop}: the sender ends when it reaches it. */
  private static final Pending END = new Pending(null, null, null);

  private final EventRecorder recorder;
  private final ThreadHealth health;
  private final int capacity;
  private final BlockingQueue<Pending> queue;
  private final Thread sender;
  /** Events queued or being written. */
  private final AtomicInteger unsent = new AtomicInteger();
  private volatile boolean stopping;

  /** Starts the sender thread, which writes through {@code recorder}; {@code health}: see the class comment. */
  public QueuedEvents(EventRecorder recorder, ThreadHealth health) {
    this(recorder, health, CAPACITY);
  }

  /** As the public constructor, with a queue of {@code capacity} events (tests). */
  QueuedEvents(EventRecorder recorder, ThreadHealth health, int capacity) {
    this.recorder = recorder;
    this.health = health;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sender = new Thread(this::send, "secretgate-events");
    sender.setDaemon(true);
    sender.start();
  }

  /** Queues {@code event} on {@code involved}; never waits, never throws. Dropped (and logged) when the queue is full or stopped. */
  @Override
  public void record(ObjectReference involved, SyncEvent event) {
    Pending pending = new Pending(involved, event, recorder.now());
    unsent.incrementAndGet();
    if (!queue.offer(pending)) {
      unsent.decrementAndGet();
      dropped(involved, event, stopping ? "the controller is stopping" : "the queue of events to write is full (" + capacity + " waiting)");
      return;
    }
    // Asked after queueing, so that a stop in between cannot strand the event unlogged: either stop()
    // took it (and counted it), the sender wrote it, or it is taken back here.
    if (stopping && queue.remove(pending)) {
      unsent.decrementAndGet();
      dropped(involved, event, "the controller is stopping");
    }
  }

  /** Whether every event recorded so far has been written, or given up on (tests). */
  public boolean idle() {
    return unsent.get() == 0;
  }

  /**
   * Sends what is queued for up to {@code within}, then ends the sender; events still queued are
   * dropped, with one log line giving their count. Events recorded from now on are dropped.
   */
  public void stop(Duration within) {
    stopping = true;
    queue.offer(END); // when full, the sender finds the stop flag once it has emptied the queue
    try {
      sender.join(Math.max(1, within.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    long count = left.stream().filter(p -> p != END).count();
    unsent.addAndGet((int) -count);
    if (count > 0) LOG.warn("{} queued events were not written: the controller stopped before they could be sent", count);
  }

  private void send() {
    while (true) {
      Pending next;
      try {
        next = stopping ? queue.poll() : queue.take(); // stopping: the queue is emptied even when END found it full
      } catch (InterruptedException e) {
        return;
      }
      if (next == null || next == END) return;
      try {
        recorder.record(next.involved(), next.event(), next.at());
      } catch (RuntimeException | StackOverflowError e) { // a stack overflow has unwound: the next events are sent
        dropped(next.involved(), next.event(), "failed unexpectedly (" + e.getClass().getSimpleName() + ")");
      } catch (Error e) {
        health.died("the event sender (recording " + next.event().reason() + " on " + next.involved().getKind() + " "
            + Events.namespace(next.involved()) + "/" + next.involved().getName() + ")", e);
        return;
      } finally {
        unsent.decrementAndGet();
      }
    }
  }

  private static void dropped(ObjectReference involved, SyncEvent event, String why) {
    LOG.warn("dropped {} event {} on {} {}/{}: {}", event.type(), event.reason(), involved.getKind(), Events.namespace(involved),
        involved.getName(), why);
  }
}

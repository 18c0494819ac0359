package io.secretgate.sync;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per sync outcome, naming the object (kind, namespace, name), the outcome, ESO's
 * reason and how long it took, as key-value pairs: fields in JSON logs, {@code key=value} in text.
 * It takes no Secret data. Of a failure it logs what went wrong in words: the text of the sync's
 * Warning event (the reconciler's path, which never holds a value), or an exception's type and its
 * own message (no causes, no stack), so a value can reach the log only if an exception message
 * carried one, which our errors never do.
 */
public final class SyncLog {
  private final Logger log;

  public SyncLog() {
    this(LoggerFactory.getLogger(SyncLog.class));
  }

  public SyncLog(Logger log) {
    this.log = log;
  }

  /** What a sync came to; the message of its log line. */
  public enum Outcome {
    SYNCED, UNCHANGED, SKIPPED, DELETED, FAILED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A sync that did not fail: INFO. {@code reason} is ESO's condition reason ({@code SecretSynced}). */
  public void outcome(String kind, String namespace, String name, Outcome outcome, String reason, Duration took) {
    event(outcome == Outcome.FAILED ? Level.WARN : Level.INFO, kind, namespace, name, outcome, reason, took)
        .log(outcome.label());
  }

  /** A failed sync: WARN, with the error's type and message. */
  public void failure(String kind, String namespace, String name, String reason, Throwable error, Duration took) {
    failure(kind, namespace, name, reason, error.getClass().getSimpleName() + ": " + error.getMessage(), took);
  }

  /** A failed sync: WARN, with what went wrong in words (the text of its Warning event). */
  public void failure(String kind, String namespace, String name, String reason, String error, Duration took) {
    event(Level.WARN, kind, namespace, name, Outcome.FAILED, reason, took)
        .addKeyValue("error", error)
        .log(Outcome.FAILED.label());
  }

  private LoggingEventBuilder event(Level level, String kind, String namespace, String name, Outcome outcome,
      String reason, Duration took) {
    return log.atLevel(level)
        .addKeyValue("kind", kind)
        .addKeyValue("namespace", namespace)
        .addKeyValue("name", name)
        .addKeyValue("outcome", outcome.label())
        .addKeyValue("reason", reason)
        .addKeyValue("duration_ms", took.toMillis());
  }
}

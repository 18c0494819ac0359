package io.secretgate.app.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

/** An SLF4J logger that writes each event as one {@link JsonLine}; key-value pairs become fields. */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
  private final transient Level threshold;
  private final transient Consumer<String> sink;

  JsonLogger(String name, Level threshold, Consumer<String> sink) {
    this.name = name;
    this.threshold = threshold;
    this.sink = sink;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable error) {
    write(level, Instant.now(), Thread.currentThread().getName(), pattern, args, Map.of(), error);
  }

  /** The fluent API ({@code log.atInfo().addKeyValue(...)}) lands here, with its key-value pairs. */
  @Override
  public void log(LoggingEvent event) {
    if (!enabled(event.getLevel())) return;
    NormalizedParameters p = NormalizedParameters.normalize(event);
    Map<String, Object> fields = new LinkedHashMap<>();
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) fields.put(kv.key, kv.value);
    }
    Instant time = event.getTimeStamp() > 0 ? Instant.ofEpochMilli(event.getTimeStamp()) : Instant.now();
    String thread = event.getThreadName() != null ? event.getThreadName() : Thread.currentThread().getName();
    write(event.getLevel(), time, thread, p.getMessage(), p.getArguments(), fields, p.getThrowable());
  }

  private void write(Level level, Instant time, String thread, String pattern, Object[] args,
      Map<String, Object> fields, Throwable error) {
    Map<String, Object> all = new LinkedHashMap<>();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null) all.putAll(mdc);
    all.putAll(fields);
    String message = MessageFormatter.basicArrayFormat(pattern, args);
    sink.accept(JsonLine.format(time, level.name(), name, thread, message, all, error));
  }
}

package io.secretgate.app.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of {@code --log-format json}: one JSON object per line on stderr. It is not
 * registered as a service (slf4j-simple is the one found by default); {@link LogSetup} names it in
 * the {@code slf4j.provider} system property before the first logger is made.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  /** The lowest level logged: trace, debug, info, warn or error. */
  static final String LEVEL_PROPERTY = "secretgate.log.level";

  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private Level level = Level.INFO;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return name -> loggers.computeIfAbsent(name, n -> new JsonLogger(n, levelFor(n), JsonLogProvider::write));
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    level = Level.valueOf(System.getProperty(LEVEL_PROPERTY, "info").toUpperCase(Locale.ROOT));
  }

  private Level levelFor(String logger) {
    if (LogSetup.isChatty(logger) && level == Level.INFO) return Level.WARN;
    if (LogSetup.writesSecretsAtTrace(logger) && level == Level.TRACE) return Level.DEBUG;
    if (LogSetup.writesContentAtDebug(logger) && (level == Level.TRACE || level == Level.DEBUG)) return Level.INFO;
    return level;
  }

  private static void write(String line) {
    PrintStream err = System.err;
    err.println(line);
  }
}

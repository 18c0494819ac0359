package io.secretgate.app.logging;

import io.secretgate.config.LogSettings;
import java.util.List;
import java.util.Locale;

/**
 * Chooses how the process logs, through system properties that SLF4J reads when the first logger
 * is made: so call {@link #configure} before anything logs. Text goes through slf4j-simple; JSON
 * through {@link JsonLogProvider}. Properties already set (for example with {@code -D}) are kept.
 */
public final class LogSetup {
  /** Loggers that say a lot at INFO about things we log ourselves (the HTTP server starting); WARN at INFO. */
  private static final List<String> CHATTY = List.of("org.eclipse.jetty", "io.javalin");
  /**
   * Loggers that write secrets at TRACE: fabric8's HTTP logging shows each request's headers
   * (the API server bearer token) and bodies (Secret data, hence Vault tokens). DEBUG at most.
   */
  private static final List<String> SECRETS_AT_TRACE = List.of("io.fabric8.kubernetes.client.http.HttpLoggingInterceptor");
  /**
   * Loggers that write what they read at DEBUG: Jetty's parser and TLS layers log the bytes of
   * requests (an admission review holds a Pod's inline env values). INFO at most, at any level.
   */
  private static final List<String> CONTENT_AT_DEBUG = List.of("org.eclipse.jetty");

  private LogSetup() {}

  public static void configure(LogSettings settings) {
    String level = settings.level().name().toLowerCase(Locale.ROOT);
    if (settings.format() == LogSettings.Format.JSON) {
      setIfAbsent("slf4j.provider", JsonLogProvider.class.getName());
      setIfAbsent("slf4j.internal.verbosity", "WARN");
      setIfAbsent(JsonLogProvider.LEVEL_PROPERTY, level);
      return;
    }
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    if (settings.level() == LogSettings.Level.INFO) {
      CHATTY.forEach(prefix -> setIfAbsent("org.slf4j.simpleLogger.log." + prefix, "warn"));
    }
    if (settings.level() == LogSettings.Level.TRACE) {
      SECRETS_AT_TRACE.forEach(logger -> setIfAbsent("org.slf4j.simpleLogger.log." + logger, "debug"));
    }
    if (settings.level() == LogSettings.Level.TRACE || settings.level() == LogSettings.Level.DEBUG) {
      CONTENT_AT_DEBUG.forEach(prefix -> setIfAbsent("org.slf4j.simpleLogger.log." + prefix, "info"));
    }
  }

  static boolean isChatty(String logger) {
    return CHATTY.stream().anyMatch(prefix -> logger.equals(prefix) || logger.startsWith(prefix + "."));
  }

  static boolean writesSecretsAtTrace(String logger) {
    return SECRETS_AT_TRACE.contains(logger);
  }

  static boolean writesContentAtDebug(String logger) {
    return CONTENT_AT_DEBUG.stream().anyMatch(prefix -> logger.equals(prefix) || logger.startsWith(prefix + "."));
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }
}

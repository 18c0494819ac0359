package io.secretgate.config;

/** How the process logs: {@code text} (SLF4J simple) or {@code json} (one object per line), and from which level. */
public record LogSettings(Format format, Level level) {

  public enum Format { TEXT, JSON }

  public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }
}

package io.secretgate.config;

import java.util.List;

/**
 * Bad configuration: every problem found, each naming the flag or environment variable it came
 * from and why its value was refused. The message is one line, fit for stderr; the exit code is 2.
 */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One entry per refused value, in the order the settings are listed by {@code --help}. */
  public List<String> problems() {
    return problems;
  }
}

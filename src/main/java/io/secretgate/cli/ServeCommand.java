package io.secretgate.cli;

import io.secretgate.config.ServeConfig;
import io.secretgate.config.ServeSetting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code secretgate serve}: runs the sync controller (and later the webhooks) until SIGTERM. Its
 * options are {@link ServeSetting}s, each with a {@code SECRETGATE_*} variable; a flag wins over its
 * variable, a variable over the default. Bad values exit 2 with all of them on one line.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the controller and/or the webhooks in a cluster, until SIGTERM.",
      "Every flag can be set by the environment variable named below it; a flag wins over its variable,"
          + " an empty or blank value means the default. Durations are Go durations (30s, 1m30s, 500ms)."
    },
    footer = {"", "Serves GET /metrics (Prometheus text), /healthz and /readyz on plain HTTP (--metrics-port)."})
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandSpec spec;

  private final Map<String, String> env;
  private final ServeLauncher launcher;

  ServeCommand(Map<String, String> env, ServeLauncher launcher) {
    this.env = env;
    this.launcher = launcher;
  }

  /** Adds one option per {@link ServeSetting} to the command, documented with its variable and default. */
  static void addSettingOptions(CommandSpec spec) {
    for (ServeSetting s : ServeSetting.values()) {
      OptionSpec.Builder option = OptionSpec.builder(s.flag())
          .type(String.class)
          .paramLabel(s.isSwitch() ? "true|false" : s.label())
          .description(s.description(), "  Env: " + s.env() + "; default: " + s.defaultText() + ".");
      if (s.isSwitch()) option.arity("0..1").fallbackValue("true");
      spec.addOption(option.build());
    }
  }

  @Override
  public Integer call() throws Exception {
    ServeConfig config = ServeConfig.from(env, givenFlags(), launcher.hostFacts());
    return launcher.serve(config);
  }

  /** The setting flags given on the command line, keyed by flag, values as typed. */
  private Map<String, String> givenFlags() {
    Map<String, String> flags = new LinkedHashMap<>();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (ServeSetting s : ServeSetting.values()) {
      OptionSpec option = spec.findOption(s.flag());
      if (option != null && parsed.hasMatchedOption(option)) flags.put(s.flag(), option.getValue());
    }
    return flags;
  }
}

package io.secretgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What a command that only groups subcommands does when none is given: a usage error. */
final class SubcommandRequired {
  private SubcommandRequired() {}

  /** One line saying so, then the usage on stderr; exit code 2. */
  static int usageError(CommandSpec spec) {
    CommandLine cli = spec.commandLine();
    cli.getErr().println("secretgate: '" + spec.qualifiedName() + "' needs a subcommand: "
        + String.join(", ", spec.subcommands().keySet()));
    cli.usage(cli.getErr());
    return ExitCodes.INPUT;
  }
}

package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate policy}: questions about Vault policies. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Answer questions about Vault policies, offline.",
    subcommands = {PolicyCapabilitiesCommand.class})
public final class PolicyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    return SubcommandRequired.usageError(spec);
  }
}

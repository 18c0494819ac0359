package io.secretgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate policy}: questions about Vault policies. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Answer questions about Vault policies, offline.",
    subcommands = {PolicyCapabilitiesCommand.class})
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate policy capabilities}: PLACEHOLDER, implemented by the policy work. */
@Command(name = "capabilities", mixinStandardHelpOptions = true,
    description = "Print what a set of Vault policies grants on each path, as sys/capabilities-self would.")
public final class PolicyCapabilitiesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("secretgate policy capabilities: not implemented");
    return ExitCodes.INPUT;
  }
}

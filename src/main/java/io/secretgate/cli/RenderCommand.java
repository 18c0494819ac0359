package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate render}: PLACEHOLDER, implemented by the secrets work. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print the Secret the controller would write for an ExternalSecret, from Vault data in a file.")
public final class RenderCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("secretgate render: not implemented");
    return ExitCodes.INPUT;
  }
}

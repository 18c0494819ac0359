package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate serve}: not available yet in this release. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the controller and/or the webhooks in a cluster. (not yet available)")
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("secretgate serve: not yet available in this release");
    return ExitCodes.INPUT;
  }
}

package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate validate}: PLACEHOLDER, implemented by the validation work. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check ExternalSecrets and stores in manifest files, as the webhook would.")
public final class ValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("secretgate validate: not implemented");
    return ExitCodes.INPUT;
  }
}

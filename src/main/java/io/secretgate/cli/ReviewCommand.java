package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate review}: not available yet in this release. */
@Command(name = "review", mixinStandardHelpOptions = true, description = "Print the webhook's answer (an AdmissionReview) for a request file. (not yet available)")
public final class ReviewCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("secretgate review: not yet available in this release");
    return ExitCodes.INPUT;
  }
}

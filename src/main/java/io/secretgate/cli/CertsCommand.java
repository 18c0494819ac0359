package io.secretgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code secretgate certs}: serving certificates for the webhooks. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description = "Serving certificates for the webhooks.",
    subcommands = {CertsCommand.Generate.class})
public final class CertsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code secretgate certs generate}: not available yet in this release. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a CA, a serving certificate and its key for a non-Helm install (not yet available).")
  public static final class Generate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getErr().println("secretgate certs generate: not yet available in this release");
      return ExitCodes.INPUT;
    }
  }
}

package io.secretgate.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; each subcommand is its own class. */
@Command(
    name = "secretgate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keeps Kubernetes Secrets in step with HashiCorp Vault and guards the path in between.",
    subcommands = {
      ValidateCommand.class,
      RenderCommand.class,
      ReviewCommand.class,
      PolicyCommand.class,
      CertsCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SecretgateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line with the process's writers. */
  public static int execute(String[] args, Map<String, String> env) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    return execute(args, env, out, err);
  }

  /** Runs the command line with the given writers; what tests call. */
  public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = newCommandLine(env);
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine newCommandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new SecretgateCommand());
    cli.setExecutionExceptionHandler(new ErrorMapper());
    cli.setParameterExceptionHandler(ErrorMapper::onParameterError);
    return cli;
  }
}

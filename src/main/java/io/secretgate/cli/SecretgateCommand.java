package io.secretgate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
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
public final class SecretgateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    return SubcommandRequired.usageError(spec);
  }

  /** Runs the command line with the process's writers. */
  public static int execute(String[] args, Map<String, String> env) {
    return execute(args, env, ServeLauncher.unavailable());
  }

  /** Runs the command line with the process's writers; {@code serve} runs through {@code launcher}. */
  public static int execute(String[] args, Map<String, String> env, ServeLauncher launcher) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    return execute(args, env, launcher, out, err);
  }

  /** Runs the command line with the given writers; what tests call. */
  public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    return execute(args, env, ServeLauncher.unavailable(), out, err);
  }

  /** Runs the command line with the given writers and serve launcher. */
  public static int execute(String[] args, Map<String, String> env, ServeLauncher launcher, PrintWriter out, PrintWriter err) {
    CommandLine cli = newCommandLine(env, launcher);
    cli.setOut(out);
    cli.setErr(err);
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      code = ErrorMapper.onOutOfMemory(err);
    }
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine newCommandLine(Map<String, String> env, ServeLauncher launcher) {
    CommandLine cli = new CommandLine(new SecretgateCommand(), new Factory(env, launcher));
    ServeCommand.addSettingOptions(cli.getSubcommands().get("serve").getCommandSpec());
    cli.registerConverter(Path.class, new PathConverter());
    cli.setExecutionExceptionHandler(new ErrorMapper());
    cli.setParameterExceptionHandler(ErrorMapper::onParameterError);
    return cli;
  }

  /** Makes the commands; {@code serve} gets the environment and the launcher. */
  private record Factory(Map<String, String> env, ServeLauncher launcher) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ServeCommand.class) return type.cast(new ServeCommand(env, launcher));
      return CommandLine.defaultFactory().create(type);
    }
  }
}

package io.secretgate.app;

import io.secretgate.cli.SecretgateCommand;

/** Entry point: the composition root. The only place that reads the process environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(SecretgateCommand.execute(args, System.getenv(), new ProcessServeLauncher(new SyncControllerFactory())));
  }
}

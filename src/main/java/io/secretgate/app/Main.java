package io.secretgate.app;

import io.secretgate.cli.SecretgateCommand;
import io.secretgate.vault.DriverVaultGateway;

/** Entry point: the composition root. The only place that reads the process environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    DriverVaultGateway.useProxyVariables(System.getenv());
    System.exit(SecretgateCommand.execute(args, System.getenv(), new ProcessServeLauncher(new SyncControllerFactory())));
  }
}

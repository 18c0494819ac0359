package io.secretgate.app;

import io.secretgate.app.logging.LogSetup;
import io.secretgate.cli.ExitCodes;
import io.secretgate.cli.ServeLauncher;
import io.secretgate.config.HostFacts;
import io.secretgate.config.ServeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs {@code serve} in this JVM: sets up logging, starts a {@link ServeProcess} and blocks until a
 * JVM shutdown (SIGTERM) has stopped it gracefully.
 */
public final class ProcessServeLauncher implements ServeLauncher {
  static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private final ControllerFactory controllers;

  public ProcessServeLauncher(ControllerFactory controllers) {
    this.controllers = controllers;
  }

  @Override
  public HostFacts hostFacts() {
    return new HostFacts(serviceAccountNamespace(), Optional.of(hostname()));
  }

  @Override
  public int serve(ServeConfig config) throws InterruptedException {
    LogSetup.configure(config.logging());
    ServeProcess process = ServeProcess.start(config, ServeProcess.kubernetesClient(config), controllers);
    Runtime.getRuntime().addShutdownHook(new Thread(process::shutdown, "secretgate-shutdown"));
    process.awaitTermination();
    return ExitCodes.OK;
  }

  private static Optional<String> serviceAccountNamespace() {
    try {
      return Optional.of(Files.readString(SERVICE_ACCOUNT_NAMESPACE, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The host name; a random one if even that is unknown, so that two replicas never share an identity. */
  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "secretgate-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }
}

package io.secretgate.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.config.ServeConfig;
import io.secretgate.sync.Controller;
import io.secretgate.sync.SyncController;
import io.secretgate.sync.SyncMetrics;
import java.time.Clock;

/** The sync controller, when {@code --controller} is on; nothing to reconcile otherwise. */
final class SyncControllerFactory implements ControllerFactory {
  @Override
  public Controller create(KubernetesClient client, ServeConfig config, SyncMetrics metrics) {
    if (!config.controller().enabled()) return Controller.noop();
    return new SyncController(client, config.controller(), config.rotation(), metrics, Clock.systemUTC());
  }
}

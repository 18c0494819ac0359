package io.secretgate.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.config.ServeConfig;
import io.secretgate.sync.Controller;
import io.secretgate.sync.SyncMetrics;

/**
 * Makes the controller of one leadership term: {@code serve} calls it each time this process wins
 * the lease, and starts what it returns. This is where the sync reconciler plugs in.
 */
@FunctionalInterface
public interface ControllerFactory {

  Controller create(KubernetesClient client, ServeConfig config, SyncMetrics metrics);

  /** Nothing to reconcile yet: a no-op controller, ready at once. */
  static ControllerFactory none() {
    return (client, config, metrics) -> Controller.noop();
  }
}

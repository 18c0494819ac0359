package io.secretgate.config;

import java.time.Duration;
import java.util.List;

/**
 * The sync controller: whether it runs, which namespaces it watches (empty = all), how many workers
 * reconcile in parallel, the global rate limit of its work queue (ESO: 10 per second, burst 100),
 * and how often store readiness is re-checked.
 */
public record ControllerSettings(
    boolean enabled, List<String> namespaces, int workers, double qps, int burst, Duration storeRefreshInterval) {

  public ControllerSettings {
    namespaces = List.copyOf(namespaces);
  }

  /** True when no namespace list was given: the controller watches the whole cluster. */
  public boolean allNamespaces() {
    return namespaces.isEmpty();
  }
}

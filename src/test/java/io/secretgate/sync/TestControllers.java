package io.secretgate.sync;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.secretgate.config.ControllerSettings;
import io.secretgate.config.RotationSettings;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The controller as the sync ITs run it: every namespace, 100 API requests/s (burst 100), store
 * checks every 5 minutes; started, and ready (informers synced) when returned.
 */
final class TestControllers {
  private static final Duration READY_WITHIN = PatientMockClient.WAIT;

  private TestControllers() {}

  /** Stops {@code controller} (when started) and {@code vault}, then deletes what the test left ({@link RotationFixtures#clear}). */
  static void stopAndClear(SyncController controller, FakeVault vault, KubernetesClient client) {
    if (controller != null) controller.stop(Duration.ofSeconds(5));
    vault.close();
    RotationFixtures.clear(client);
  }

  /** Four workers, no rotation extras, ready within {@link PatientMockClient#WAIT}. */
  static SyncController started(KubernetesClient client, SyncMetrics metrics, Clock clock) {
    return started(client, 4, new RotationSettings(false, Duration.ZERO), metrics, clock, READY_WITHIN);
  }

  /** As {@link #started(KubernetesClient, SyncMetrics, Clock)}; {@code syncs}: what runs each sync, given the reconciler's. */
  static SyncController started(KubernetesClient client, SyncMetrics metrics, UnaryOperator<SyncController.Sync> syncs) {
    return started(client, 4, new RotationSettings(false, Duration.ZERO), metrics, Clock.systemUTC(), READY_WITHIN, syncs);
  }

  static SyncController started(KubernetesClient client, int workers, RotationSettings rotation, SyncMetrics metrics, Clock clock,
      Duration readyWithin) {
    return started(client, workers, rotation, metrics, clock, readyWithin, UnaryOperator.identity());
  }

  /** {@code syncs}: what runs each sync, given the reconciler's (e.g. one that fails for some key). */
  static SyncController started(KubernetesClient client, int workers, RotationSettings rotation, SyncMetrics metrics, Clock clock,
      Duration readyWithin, UnaryOperator<SyncController.Sync> syncs) {
    return started(client, workers, rotation, metrics, clock, readyWithin, syncs, UnaryOperator.identity());
  }

  /** {@code storeTasks}: what runs each task of the store-check thread, given the controller's (e.g. one that fails). */
  static SyncController started(KubernetesClient client, int workers, RotationSettings rotation, SyncMetrics metrics, Clock clock,
      Duration readyWithin, UnaryOperator<SyncController.Sync> syncs, UnaryOperator<Runnable> storeTasks) {
    SyncController controller = new SyncController(client, new ControllerSettings(true, List.of(), workers, 100, 100, Duration.ofMinutes(5)),
        rotation, metrics, clock, syncs, storeTasks);
    controller.start();
    await().atMost(readyWithin).until(controller::ready);
    return controller;
  }
}

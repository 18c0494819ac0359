package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.RotationSettings;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.vault.policy.PolicyFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A controller that stopped (it lost the lease, or the process shuts down) reports no ExternalSecret,
 * even when a sync it started ends after the grace, end to end on the mock API server (CRUD) and FakeVault.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class StoppedControllerMetricsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final Duration WAIT = PatientMockClient.WAIT;

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void aControllerWhoseSyncOfLateWaitsForTheTest() throws Exception {
    var policies = List.of(PolicyFiles.load(Path.of("src/test/resources/io/secretgate/sync/sync-policy.hcl")));
    vault = new FakeVault().mountV2("secret").put("secret", "apps/payments/db", "{\"password\":\"s3cr3t\"}")
        .token("s.sync-token", new FakeVault.TokenInfo(policies, 0));
    RotationFixtures.cluster(client, vault.address(), "s.sync-token");
    controller = TestControllers.started(client, 1, new RotationSettings(false, Duration.ZERO), new SyncMetrics(registry), Clock.systemUTC(), WAIT,
        sync -> key -> {
          if (key.equals("payments/late")) {
            entered.countDown();
            awaitQuietly(release);
          }
          return sync.run(key);
        });
  }

  @AfterEach
  void stop() {
    release.countDown();
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void a_sync_that_ends_after_the_grace_leaves_no_series_behind_on_a_replica_that_no_longer_leads() throws Exception {
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("late", "1h", "apps/payments/db")).create();
    assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    controller.stop(Duration.ofMillis(100)); // the sync is still in flight: as when the lease is lost
    release.countDown();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("secretgate-sync-")) t.join(WAIT.toMillis());
    }

    assertThat(registry.getMeters()).as("series of ExternalSecret payments/late").filteredOn(m -> "late".equals(m.getId().getTag("name")))
        .extracting(m -> m.getId().getName()).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

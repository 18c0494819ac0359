package io.secretgate.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.ControllerSettings;
import io.secretgate.config.RotationSettings;
import io.secretgate.rollout.RolloutFixtures;
import io.secretgate.sync.RotationFixtures;
import io.secretgate.sync.SyncController;
import io.secretgate.sync.SyncMetrics;
import io.secretgate.sync.WorkloadRestarts;
import io.secretgate.testing.FakeVault;
import io.secretgate.vault.policy.PolicyParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * {@code bench/run rotation}: the time from a value change in Vault to the rolled pod template of a
 * Deployment annotated {@code secretgate.io/restart-on-change: "true"}, for an ExternalSecret with
 * {@code refreshInterval: 10s} (the change lands at a random point of the refresh cycle, so the wait
 * for the refresh is uniform over 0..10 s), and the same with {@code force-sync} annotated right after
 * the change. The floor is the restart batching window (one refresh round). The controller runs in
 * this JVM against the fabric8 mock API server and FakeVault. Not a test: prints key=value lines.
 */
public final class RotationBench {
  private static final Duration REFRESH = Duration.ofSeconds(10);
  private static final Duration LIMIT = Duration.ofSeconds(60);

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    try (KubernetesClient client = server.createClient(); FakeVault vault = new FakeVault()) {
      vault.mountV2("secret").put("secret", "apps/payments/db", "{\"password\":\"v0\"}")
          .token("s.bench", new FakeVault.TokenInfo(List.of(PolicyParser.parse("sync", "path \"secret/data/apps/*\" { capabilities = [\"read\"] }")), 0));
      RotationFixtures.cluster(client, vault.address(), "s.bench");
      SyncController controller = new SyncController(client, new ControllerSettings(true, List.of(), 8, 10, 100, Duration.ofMinutes(5)),
          new RotationSettings(true, Duration.ofHours(24)), new SyncMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
      controller.start();
      while (!controller.ready()) Thread.sleep(20);
      client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("db", "10s", "apps/payments/db")).create();
      client.apps().deployments().inNamespace("payments").resource(new DeploymentBuilder()
          .withNewMetadata().withName("api").addToAnnotations("secretgate.io/restart-on-change", "true").endMetadata()
          .withNewSpec().withTemplate(RolloutFixtures.template("env-from.yaml")).endSpec().build()).create();
      waitFor(() -> client.secrets().inNamespace("payments").withName("db").get() != null);

      Random random = new Random(42);
      List<Double> periodic = new ArrayList<>();
      List<Double> forced = new ArrayList<>();
      int version = 0;
      for (int i = 0; i < rounds; i++) {
        Thread.sleep(random.nextInt((int) REFRESH.toMillis()));
        periodic.add(changeAndWait(client, vault, ++version, false));
      }
      for (int i = 0; i < rounds; i++) forced.add(changeAndWait(client, vault, ++version, true));
      controller.stop(Duration.ofSeconds(5));

      System.out.println("bench=rotation");
      System.out.println("rounds=" + rounds);
      System.out.println("refresh_interval_seconds=" + REFRESH.toSeconds());
      System.out.printf("rotation_to_rollout_seconds_median=%.2f%n", median(periodic));
      System.out.printf("rotation_to_rollout_seconds_max=%.2f%n", Collections.max(periodic));
      System.out.printf("force_sync_to_rollout_seconds_median=%.2f%n", median(forced));
      System.out.printf("floor_restart_window_seconds=%.2f%n", WorkloadRestarts.DEFAULT_WINDOW.toMillis() / 1000.0);
      System.out.printf("expected_median_seconds=%.2f%n", (REFRESH.toMillis() / 2.0 + WorkloadRestarts.DEFAULT_WINDOW.toMillis()) / 1000.0);
    } finally {
      server.destroy();
    }
  }

  /** Writes a new value to Vault (and annotates the ExternalSecret when {@code force}); seconds until the pod template rolls. */
  private static double changeAndWait(KubernetesClient client, FakeVault vault, int version, boolean force) throws InterruptedException {
    String before = templateHash(client);
    long start = System.nanoTime();
    vault.put("secret", "apps/payments/db", "{\"password\":\"v" + version + "\"}");
    if (force) {
      client.resources(ExternalSecret.class).inNamespace("payments").withName("db").edit(es -> {
        es.getMetadata().setAnnotations(new HashMap<>(Map.of("force-sync", String.valueOf(version))));
        return es;
      });
    }
    waitFor(() -> !Objects.equals(before, templateHash(client)));
    return (System.nanoTime() - start) / 1e9;
  }

  private static String templateHash(KubernetesClient client) {
    Deployment d = client.apps().deployments().inNamespace("payments").withName("api").get();
    var meta = d.getSpec().getTemplate().getMetadata();
    return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get("secretgate.io/secret-hash");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("not within " + LIMIT);
      Thread.sleep(20);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

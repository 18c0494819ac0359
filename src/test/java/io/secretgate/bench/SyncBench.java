package io.secretgate.bench;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.ControllerSettings;
import io.secretgate.sync.SyncController;
import io.secretgate.sync.SyncMetrics;
import io.secretgate.testing.Crds;
import io.secretgate.testing.FakeVault;
import io.secretgate.vault.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code bench/run sync}: 1,000 ExternalSecrets over 200 Vault paths (FakeVault answering in 5 ms)
 * against the fabric8 mock API server in this JVM; the floor is creating the same number of Secrets
 * directly against the same server (median of {@value #RUNS} runs). Two times are compared with it:
 * {@code time_all_ready_ms}, one run with the clock started before the bench creates the
 * ExternalSecrets one by one while the controller runs (so it holds those creates too, which share
 * the mock server's one lock with the controller's writes), and {@code time_cold_start_all_ready_ms},
 * the median of {@value #RUNS} runs of a controller starting over ExternalSecrets that exist already.
 * Not a test: run by bench/run, prints key=value lines.
 */
public final class SyncBench {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String NAMESPACE = "bench";
  private static final String COLD_NAMESPACE = "cold";
  /** Runs of the floor and of the cold start; their medians are reported (the measured run with the creates is one run). */
  private static final int RUNS = 3;

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int paths = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    CountingCrudDispatcher dispatcher = new CountingCrudDispatcher();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    try (KubernetesClient client = server.createClient(); FakeVault vault = new FakeVault()) {
      setUp(client, vault, paths);
      // The floor's Secrets go again after each run: the mock server scans every stored object on each
      // request, so leaving them would slow the measured runs by work that has nothing to do with the controller.
      long[] floors = new long[RUNS];
      for (int r = 0; r < RUNS; r++) {
        floors[r] = floor(client, count);
        client.secrets().inNamespace("floor").delete();
      }
      long floorMs = median(floors);
      SyncController controller = controller(client);
      controller.start();
      while (!controller.ready()) Thread.sleep(20);
      int readsBefore = vault.totalReads();
      dispatcher.resetCounts();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) client.resources(ExternalSecret.class).resource(externalSecret(i, i % paths)).create();
      long createdMs = (System.nanoTime() - start) / 1_000_000;
      int ready = waitAllReady(client, count, Duration.ofMinutes(5));
      long allReadyMs = (System.nanoTime() - start) / 1_000_000;
      int dataReads = countDataReads(vault);
      java.util.Map<String, Long> apiCalls = dispatcher.counts();
      controller.stop(Duration.ofSeconds(5));
      System.out.println("bench=sync");
      System.out.println("external_secrets=" + count);
      System.out.println("distinct_paths=" + paths);
      System.out.println("ready=" + ready);
      System.out.println("vault_data_reads=" + dataReads);
      System.out.println("vault_requests_total=" + (vault.totalReads() - readsBefore));
      System.out.println("time_create_external_secrets_ms=" + createdMs);
      System.out.println("time_all_ready_ms=" + allReadyMs);
      // How far the controller trails the creates: the ExternalSecrets are created one by one in the
      // timed window, on the same single-locked mock server the controller writes to.
      System.out.println("time_ready_after_last_create_ms=" + (allReadyMs - createdMs));
      System.out.println("floor_create_secrets_ms=" + floorMs);
      System.out.printf("ratio_to_floor=%.2f%n", (double) allReadyMs / floorMs);
      System.out.println("target_ratio=2");
      apiCalls.forEach((k, v) -> System.out.println("api_requests{" + k + "}=" + v));
      long[] colds = new long[RUNS];
      for (int r = 0; r < RUNS; r++) colds[r] = coldStart(client, count, paths);
      long coldMs = median(colds);
      System.out.println("floor_runs_ms=" + java.util.Arrays.toString(floors).replace(" ", ""));
      System.out.println("cold_start_runs_ms=" + java.util.Arrays.toString(colds).replace(" ", ""));
      System.out.println("time_cold_start_all_ready_ms=" + coldMs);
      System.out.printf("cold_start_ratio_to_floor=%.2f%n", (double) coldMs / floorMs);
    } finally {
      server.destroy();
    }
  }

  static void setUp(KubernetesClient client, FakeVault vault, int paths) throws Exception {
    Crds.install(client);
    vault.mountV2("secret").latency(Duration.ofMillis(5));
    for (int p = 0; p < paths; p++) vault.put("secret", "apps/app-" + p, "{\"username\":\"u" + p + "\",\"password\":\"p" + p + "\"}");
    vault.token("s.bench", new FakeVault.TokenInfo(List.of(PolicyParser.parse("sync", "path \"secret/data/apps/*\" { capabilities = [\"read\"] }")), 3600));
    client.secrets().inNamespace("secretgate").resource(new SecretBuilder().withNewMetadata().withName("vault-token").endMetadata()
        .addToData("token", Base64.getEncoder().encodeToString("s.bench".getBytes(StandardCharsets.UTF_8))).build()).create();
    client.resources(ClusterSecretStore.class).resource(YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ClusterSecretStore
        metadata: {name: vault}
        spec:
          provider:
            vault:
              server: %s
              path: secret
              auth:
                tokenSecretRef: {name: vault-token, key: token, namespace: secretgate}
        """.formatted(vault.address()), ClusterSecretStore.class)).create();
  }

  /**
   * A controller starting over ExternalSecrets that already exist (as after a restart, or a move
   * from ESO): the measured run's objects go first (the mock server scans every stored object on each
   * request), the ExternalSecrets are created untimed in another namespace, then the clock runs from
   * the new controller's start until all are Ready.
   */
  private static long coldStart(KubernetesClient client, int count, int paths) throws InterruptedException {
    for (String ns : List.of(NAMESPACE, COLD_NAMESPACE)) {
      client.resources(ExternalSecret.class).inNamespace(ns).delete();
      client.secrets().inNamespace(ns).delete();
      client.v1().events().inNamespace(ns).delete();
    }
    for (int i = 0; i < count; i++) client.resources(ExternalSecret.class).resource(externalSecret(COLD_NAMESPACE, i, i % paths)).create();
    SyncController controller = controller(client);
    long start = System.nanoTime();
    controller.start();
    int ready = waitAllReady(client, COLD_NAMESPACE, count, Duration.ofMinutes(5), () -> true);
    long ms = (System.nanoTime() - start) / 1_000_000;
    controller.stop(Duration.ofSeconds(5));
    if (ready < count) throw new IllegalStateException("cold start: only " + ready + " of " + count + " ExternalSecrets became Ready");
    return ms;
  }

  private static long median(long[] values) {
    return Math.round(AdmissionBench.median(java.util.Arrays.stream(values).asDoubleStream().toArray()));
  }

  /** The controller as both measured runs start it: 8 workers, the default rate limit. */
  private static SyncController controller(KubernetesClient client) {
    return new SyncController(client, new ControllerSettings(true, List.of(), 8, 10, 100, Duration.ofMinutes(5)),
        new SyncMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
  }

  private static long floor(KubernetesClient client, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      client.secrets().inNamespace("floor").resource(new SecretBuilder().withNewMetadata().withName("s-" + i).endMetadata()
          .addToData("password", "cA==").build()).create();
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  static ExternalSecret externalSecret(int i, int path) {
    return externalSecret(NAMESPACE, i, path);
  }

  private static ExternalSecret externalSecret(String namespace, int i, int path) {
    return YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: es-%d, namespace: %s}
        spec:
          refreshInterval: 1h
          secretStoreRef: {kind: ClusterSecretStore, name: vault}
          dataFrom:
            - extract: {key: apps/app-%d}
        """.formatted(i, namespace, path), ExternalSecret.class);
  }

  /** Watches (an informer, not a LIST per poll: polling would load the server being measured). */
  private static int waitAllReady(KubernetesClient client, int count, Duration limit) throws InterruptedException {
    return waitAllReady(client, NAMESPACE, count, limit, () -> true);
  }

  /** As above, giving up early when {@code alive} turns false (the controller process died). */
  static int waitAllReady(KubernetesClient client, int count, Duration limit, java.util.function.BooleanSupplier alive) throws InterruptedException {
    return waitAllReady(client, NAMESPACE, count, limit, alive);
  }

  private static int waitAllReady(KubernetesClient client, String namespace, int count, Duration limit, java.util.function.BooleanSupplier alive)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    var informer = client.resources(ExternalSecret.class).inNamespace(namespace).inform();
    try {
      int ready = 0;
      while (System.nanoTime() < deadline && alive.getAsBoolean()) {
        ready = (int) informer.getStore().list().stream().filter(SyncBench::isReady).count();
        if (ready >= count) return ready;
        Thread.sleep(20);
      }
      return ready;
    } finally {
      informer.stop();
    }
  }

  static boolean isReady(ExternalSecret es) {
    return es.getStatus() != null && es.getStatus().conditions != null
        && es.getStatus().conditions.stream().anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status));
  }

  private static int countDataReads(FakeVault vault) {
    return (int) vault.requests().stream().filter(r -> r.method().equals("GET") && r.rawPath().startsWith("/v1/secret/data/")).count();
  }
}

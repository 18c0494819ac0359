package io.secretgate.bench;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.secretgate.api.ExternalSecret;
import io.secretgate.testing.FakeVault;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run memory}: the fabric8 mock API server and FakeVault in this JVM hold N
 * ExternalSecrets (default 10,000) and U unmanaged Secrets (default 20,000, half of them in the
 * ExternalSecrets' namespace); {@code secretgate serve} runs in another JVM with {@code -Xmx256m}
 * (controller only, no leader election, {@code --kubeconfig} pointing here) until every
 * ExternalSecret is Ready, i.e. it also writes the N managed Secrets. The controller's heap is read
 * from its GC log ({@code -Xlog:gc}): the peak is the largest "used before GC" figure (the most the
 * heap ever held, garbage included), the live set the largest "used after GC". Not a test.
 */
public final class MemoryBench {
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int unmanaged = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String xmx = args.length > 2 ? args[2] : "256m";
    Path out = Files.createDirectories(Path.of("bench/out/memory"));
    CountingCrudDispatcher dispatcher = new CountingCrudDispatcher();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    Process controller = null;
    try (KubernetesClient client = server.createClient(); FakeVault vault = new FakeVault()) {
      SyncBench.setUp(client, vault, 200);
      long t0 = System.nanoTime();
      String filler = Base64.getEncoder().encodeToString("x".repeat(1024).getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < unmanaged; i++) {
        String ns = i % 2 == 0 ? "bench" : "other";
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("unmanaged-" + i)
            .addToLabels("app", "unrelated").endMetadata().addToData("blob", filler).build()).create();
      }
      for (int i = 0; i < count; i++) client.resources(ExternalSecret.class).resource(SyncBench.externalSecret(i, i % 200)).create();
      long setUpMs = (System.nanoTime() - t0) / 1_000_000;
      dispatcher.resetCounts();

      Path kubeconfig = out.resolve("kubeconfig");
      Files.writeString(kubeconfig, kubeconfig(client.getMasterUrl().toString()));
      Path gcLog = out.resolve("controller-gc.log");
      Files.deleteIfExists(gcLog);
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + xmx, "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
          "io.secretgate.app.Main", "serve", "--kubeconfig", kubeconfig.toString(), "--leader-election=false",
          "--metrics-port", String.valueOf(freePort()), "--log-level", "warn"));
      long start = System.nanoTime();
      controller = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("controller.log").toFile()).start();
      Process running = controller;
      int ready = SyncBench.waitAllReady(client, count, Duration.ofMinutes(30), running::isAlive);
      long readyMs = (System.nanoTime() - start) / 1_000_000;
      boolean survived = controller.isAlive();
      String log = Files.readString(out.resolve("controller.log"));
      boolean oom = log.contains("OutOfMemoryError");
      controller.destroy();
      controller.waitFor();
      int[] heap = heap(Files.readAllLines(gcLog));
      System.out.println("bench=memory");
      System.out.println("external_secrets=" + count);
      System.out.println("unmanaged_secrets=" + unmanaged);
      System.out.println("controller_xmx=" + xmx);
      System.out.println("set_up_ms=" + setUpMs);
      System.out.println("ready=" + ready);
      System.out.println("time_all_ready_ms=" + readyMs);
      System.out.println("survived=" + (survived && !oom && ready >= count));
      System.out.println("out_of_memory_error=" + oom);
      System.out.println("gc_count=" + heap[2]);
      System.out.println("peak_heap_mb=" + heap[0]);
      System.out.println("peak_live_heap_after_gc_mb=" + heap[1]);
      System.out.println("heap_source=-Xlog:gc (used before / after each collection)");
      dispatcher.counts().forEach((k, v) -> System.out.println("api_requests{" + k + "}=" + v));
    } finally {
      if (controller != null && controller.isAlive()) controller.destroyForcibly();
      server.destroy();
    }
  }

  /** {peak used before GC, peak used after GC, collections}, in MiB, from -Xlog:gc lines. */
  static int[] heap(List<String> lines) {
    int before = 0;
    int after = 0;
    int n = 0;
    for (String line : lines) {
      Matcher m = GC_LINE.matcher(line);
      if (!m.find()) continue;
      n++;
      before = Math.max(before, Integer.parseInt(m.group(1)));
      after = Math.max(after, Integer.parseInt(m.group(2)));
    }
    return new int[] {before, after, n};
  }

  private static String kubeconfig(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster: {server: "%s"}
        contexts:
        - name: mock
          context: {cluster: mock, user: bench, namespace: default}
        current-context: mock
        users:
        - name: bench
          user: {token: bench}
        """.formatted(server);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private MemoryBench() {}
}

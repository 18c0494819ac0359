package io.secretgate.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.secretgate.config.ConfigException;
import io.secretgate.config.ServeConfig;
import io.secretgate.config.ServeSetting;
import io.secretgate.kube.KubeconfigFile;
import io.secretgate.kube.LeaderElection;
import io.secretgate.server.HealthChecks;
import io.secretgate.server.OpsServer;
import io.secretgate.sync.SyncMetrics;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code secretgate serve} put together: the Kubernetes client, metrics, the operations server,
 * leader election and the controller that runs while this process leads. {@link #shutdown()} stops
 * taking work, waits for the work in flight, releases the lease and stops the server, all within
 * the configured grace.
 */
public final class ServeProcess implements AutoCloseable {
  /** The longest {@link #reserve}. */
  private static final Duration RESERVE_CAP = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(ServeProcess.class);

  private final ServeConfig config;
  private final KubernetesClient client;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final SyncMetrics metrics = new SyncMetrics(registry);
  private final HealthChecks health = new HealthChecks();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final ControllerTerms terms;
  private final LeaderElection election;
  private OpsServer server;
  private volatile Webhooks webhook;

  private ServeProcess(ServeConfig config, KubernetesClient client, ControllerFactory controllers) {
    this.config = config;
    this.client = client;
    if (config.controller().enabled()) {
      this.terms = new ControllerTerms(() -> controllers.create(client, config, metrics), this::stepDownGrace);
      this.election = config.leaderElection().enabled()
          ? LeaderElection.onLease(client, config.leaderElection(), terms)
          : LeaderElection.disabled(config.leaderElection(), terms);
    } else {
      this.terms = null;
      this.election = null;
    }
  }

  /**
   * Starts serving; returns once the operations server listens and the election has begun.
   *
   * @param client the cluster; the process closes it on shutdown
   * @throws ConfigException when the metrics or the webhook port cannot be bound
   */
  public static ServeProcess start(ServeConfig config, KubernetesClient client, ControllerFactory controllers) {
    ServeProcess p = new ServeProcess(config, client, controllers);
    try {
      p.begin();
    } catch (RuntimeException e) {
      p.shutdown();
      throw e;
    }
    return p;
  }

  /** The client for {@code --kubeconfig}, or in-cluster / {@code $KUBECONFIG} / {@code ~/.kube/config} as fabric8 finds it. */
  public static KubernetesClient kubernetesClient(ServeConfig config) {
    if (config.kubeconfig().isEmpty()) {
      try {
        return KubeconfigFile.automatic();
      } catch (KubeconfigFile.UnusableException e) {
        throw new ConfigException(List.of(ServeSetting.KUBECONFIG.flag() + " (not given: " + ServeSetting.KUBECONFIG.defaultText() + "): "
            + e.getMessage()));
      }
    }
    try {
      return KubeconfigFile.client(Path.of(config.kubeconfig().get()));
    } catch (KubeconfigFile.UnusableException e) {
      throw new ConfigException(List.of(config.sources().name(ServeSetting.KUBECONFIG) + ": " + e.getMessage()));
    }
  }

  /** The port of {@code /metrics}, {@code /healthz} and {@code /readyz}. */
  public int opsPort() {
    return server.port();
  }

  /** The HTTPS port of the webhooks (only with {@code --validating-webhook} or {@code --mutating-webhook}). */
  public int webhookPort() {
    if (webhook == null) throw new IllegalStateException("the webhooks are off");
    return webhook.port();
  }

  /** Where the controller records its metrics. */
  public SyncMetrics metrics() {
    return metrics;
  }

  /** True while this process leads (always false with the controller off). */
  public boolean isLeader() {
    return election != null && election.isLeader();
  }

  /**
   * Graceful stop: not ready any more, no new work, up to the grace for work in flight, then the
   * lease is released and the server stopped. Idempotent; a second caller waits for the first.
   */
  public void shutdown() {
    if (!shuttingDown.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    long began = System.nanoTime();
    Duration grace = config.shutdownGrace();
    log.info("shutting down; up to {} for work in flight", grace);
    try {
      if (terms != null) terms.shutdown(controllerGrace(grace));
      if (election != null) election.stop(remaining(began, grace));
      if (webhook != null) {
        drainUntil(began + reserve(grace).toNanos());
        webhook.close();
      }
      if (server != null) server.stop();
      gcMetrics.close();
      registry.close();
      client.close();
    } finally {
      log.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
      terminated.countDown();
    }
  }

  /** Blocks until {@link #shutdown()} has finished. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Waits up to {@code timeout} for {@link #shutdown()} to finish; true if it has. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    shutdown();
  }

  private void begin() {
    config.warnings().forEach(log::warn);
    bindJvmMetrics();
    registerChecks();
    server = startServer();
    log.info("serving /metrics, /healthz and /readyz on port {}", server.port());
    if (config.webhooks().anyEnabled()) {
      webhook = listening(ServeSetting.WEBHOOK_PORT, config.webhooks().port(), () -> Webhooks.start(config, client, health, registry, metrics));
      log.info("serving the {} on HTTPS port {}", webhookNames(), webhook.port());
    }
    if (election != null) {
      log.info("controller on, {}, {} workers", scope(), config.controller().workers());
      election.start();
    }
  }

  private void registerChecks() {
    health.readiness("shutdown", () -> !shuttingDown.get());
    // The ops server answers before the webhooks listen (their certificate may take API calls to read).
    if (config.webhooks().anyEnabled()) health.readiness("webhook-server", () -> webhook != null);
    if (election == null) return;
    health.liveness("leader-election", () -> shuttingDown.get() || election.running());
    health.liveness("controller", terms::healthy);
    health.readiness("leader-election", election::hasObservedLeader);
    health.readiness("controller", () -> !election.isLeader() || terms.ready());
  }

  private OpsServer startServer() {
    return listening(ServeSetting.METRICS_PORT, config.metricsPort(), () -> OpsServer.start(config.metricsPort(), health, registry::scrape));
  }

  /** Starts a server on {@code port}; a port that cannot be bound is a configuration error naming {@code setting} as it was given. */
  private <T> T listening(ServeSetting setting, int port, Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      if (!causedByBind(e)) throw e;
      throw new ConfigException(List.of(config.sources().named(setting, port) + ": cannot listen on it (" + e.getMessage() + ")"));
    }
  }

  private void bindJvmMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
  }

  private String webhookNames() {
    if (config.webhooks().validating() && config.webhooks().mutating()) return "validating and mutating webhooks";
    return config.webhooks().validating() ? "validating webhook" : "mutating webhook";
  }

  private String scope() {
    return config.controller().allNamespaces() ? "all namespaces" : "namespaces " + String.join(",", config.controller().namespaces());
  }

  private void awaitQuietly() {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What is left of the grace (at least half a second, to release the lease). */
  private static Duration remaining(long began, Duration grace) {
    Duration left = grace.minusNanos(System.nanoTime() - began);
    return left.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : left;
  }

  /**
   * A quarter of the grace, at most 5 s. Kept from the controller for releasing the lease and
   * stopping the servers; and how long after shutdown began (and {@code /readyz} failed) the webhooks
   * keep answering: until the endpoints controller has taken the Pod out of the Service,
   * kube-apiserver still sends admission calls here, and a closed port would refuse them (with
   * {@code failurePolicy: Fail}, refuse the applies) at every rollout.
   */
  static Duration reserve(Duration grace) {
    Duration quarter = grace.dividedBy(4);
    return quarter.compareTo(RESERVE_CAP) < 0 ? quarter : RESERVE_CAP;
  }

  private static void drainUntil(long deadlineNanos) {
    long wait = deadlineNanos - System.nanoTime();
    if (wait <= 0) return;
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // asked to hurry: close now
    }
  }

  /** The controller's share of the grace: all but the {@link #reserve}. */
  static Duration controllerGrace(Duration grace) {
    return grace.minus(reserve(grace));
  }

  /** After a lost lease: what is left of the lease this process last wrote, lease duration minus renew deadline at most. */
  private Duration stepDownGrace() {
    Duration most = stepDownGrace(config);
    if (!config.leaderElection().enabled()) return most;
    Duration left = election.leaseLeft();
    return left.compareTo(most) < 0 ? left : most;
  }

  /** After a lost lease, others may take it once it expires: lease duration minus renew deadline. */
  static Duration stepDownGrace(ServeConfig config) {
    Duration d = config.leaderElection().leaseDuration().minus(config.leaderElection().renewDeadline());
    return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) return true;
    }
    return false;
  }
}

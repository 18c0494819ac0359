package io.secretgate.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.secretgate.api.StoreKind;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The controller's metrics, under ESO's names and labels (so ESO's dashboards and alerts keep
 * working) plus our own Vault and work-queue figures.
 *
 * <p>Prometheus' Java client always writes a counter as {@code <name>_total}. Two of ESO's counters
 * do not end in {@code _total} ({@code externalsecret_sync_calls_error},
 * {@code externalsecret_provider_api_calls_count}); to keep their names exactly, they are kept here
 * as monotonic values exposed as gauges. {@code rate()} and {@code increase()} work on them as on
 * ESO's; only the {@code # TYPE} line says {@code gauge}.
 */
public final class SyncMetrics {
  /** ESO's {@code provider} label for Vault. */
  public static final String PROVIDER = "HashiCorp/Vault";
  /** ESO's call names (KV data and metadata reads). */
  public static final String READ_SECRET_DATA = "ReadSecretData";
  public static final String LIST_SECRETS = "ListSecrets";
  public static final String LOOKUP_SELF = "LookupSelf";
  /** Our call names for what ESO does not call. */
  public static final String CAPABILITIES_SELF = "CapabilitiesSelf";
  public static final String HEALTH = "Health";

  static final String SYNC_CALLS = "externalsecret_sync_calls";
  static final String SYNC_ERRORS = "externalsecret_sync_calls_error";
  static final String STATUS_CONDITION = "externalsecret_status_condition";
  static final String RECONCILE_DURATION = "externalsecret_reconcile_duration";
  static final String PROVIDER_CALLS = "externalsecret_provider_api_calls_count";
  static final String VAULT_REQUESTS = "secretgate_vault_requests";
  static final String VAULT_SECONDS = "secretgate_vault_request_seconds";
  static final String QUEUE_DEPTH = "secretgate_workqueue_depth";
  private static final String[] PER_EXTERNAL_SECRET = {SYNC_CALLS, SYNC_ERRORS, STATUS_CONDITION, RECONCILE_DURATION};
  static final String SECRETSTORE_CONDITION = "secretstore_status_condition";
  static final String CLUSTERSECRETSTORE_CONDITION = "clustersecretstore_status_condition";
  static final String TOKEN_ROTATIONS = "secretgate_token_rotations";
  static final String TOKEN_EXPIRY_WARNINGS = "secretgate_token_expiry_warnings";
  static final String VALUE_CHANGES = "secretgate_secret_value_changes";
  static final String WORKLOAD_RESTARTS = "secretgate_workload_restarts";

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Map<Meter.Id, AtomicLong> values = new ConcurrentHashMap<>();
  private final AtomicReference<IntSupplier> queueDepth = new AtomicReference<>(() -> 0);

  public SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(QUEUE_DEPTH, queueDepth, d -> d.get().getAsInt())
        .description("ExternalSecrets due for a sync and waiting for a worker (not those scheduled for a later refresh)").register(registry);
  }

  /** One reconcile of an ExternalSecret, whatever its outcome (ESO counts skips too). */
  public void syncCall(String namespace, String name) {
    Counter.builder(SYNC_CALLS).description("Total number of ExternalSecret reconciles")
        .tags(object(namespace, name)).register(registry).increment();
  }

  /** One failed reconcile of an ExternalSecret. */
  public void syncError(String namespace, String name) {
    value(SYNC_ERRORS, "Total number of failed ExternalSecret reconciles", object(namespace, name)).incrementAndGet();
  }

  /** The ExternalSecret's Ready condition: 1 on its current status, 0 on the opposite one (as ESO). */
  public void readyCondition(String namespace, String name, boolean ready) {
    readyCondition(STATUS_CONDITION, "The status condition of an ExternalSecret", object(namespace, name), ready);
  }

  /**
   * A store's Ready condition as its status says after a check, under ESO's
   * {@code secretstore_status_condition} ({@code name}, {@code namespace}) or
   * {@code clustersecretstore_status_condition} ({@code name}): 1 on the current status, 0 on the opposite one.
   */
  public void storeReadyCondition(StoreKind kind, String namespace, String name, boolean ready) {
    String what = kind == StoreKind.ClusterSecretStore ? "a ClusterSecretStore" : "a SecretStore";
    readyCondition(storeMetric(kind), "The status condition of " + what, store(kind, namespace, name), ready);
  }

  /** Drops the series of a deleted store. */
  public void removeStore(StoreKind kind, String namespace, String name) {
    Tags tags = store(kind, namespace, name);
    remove(registry.find(storeMetric(kind)).tags(tags).meters());
  }

  private void readyCondition(String metric, String help, Tags object, boolean ready) {
    Tags tags = object.and("condition", "Ready");
    value(metric, help, tags.and("status", "True")).set(ready ? 1 : 0);
    value(metric, help, tags.and("status", "False")).set(ready ? 0 : 1);
  }

  private static String storeMetric(StoreKind kind) {
    return kind == StoreKind.ClusterSecretStore ? CLUSTERSECRETSTORE_CONDITION : SECRETSTORE_CONDITION;
  }

  /** ESO labels a ClusterSecretStore by name alone (its empty namespace is no label), a SecretStore by name and namespace. */
  private static Tags store(StoreKind kind, String namespace, String name) {
    return kind == StoreKind.ClusterSecretStore ? Tags.of("name", Objects.requireNonNull(name, "name")) : object(namespace, name);
  }

  /** How long the last reconcile of the ExternalSecret took; in nanoseconds, as ESO. */
  public void reconcileDuration(String namespace, String name, Duration took) {
    value(RECONCILE_DURATION, "Duration of the last ExternalSecret reconcile, in nanoseconds", object(namespace, name))
        .set(took.toNanos());
  }

  /** One request to Vault: {@code call} is ESO's call name (or ours), {@code took} its latency. */
  public void vaultCall(String call, VaultOutcome outcome, Duration took) {
    Objects.requireNonNull(call, "call");
    value(PROVIDER_CALLS, "Number of API calls towards the secret provider",
        Tags.of("provider", PROVIDER, "call", call, "status", outcome.esoStatus())).incrementAndGet();
    Tags ours = Tags.of("call", call, "outcome", outcome.label());
    Counter.builder(VAULT_REQUESTS).description("Requests to Vault by call and outcome").tags(ours)
        .register(registry).increment();
    Timer.builder(VAULT_SECONDS).description("Latency of requests to Vault").tags(ours)
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(took);
  }

  /** Where the work-queue depth gauge reads from (the sync work queue's size). */
  public void bindWorkQueueDepth(IntSupplier depth) {
    queueDepth.set(Objects.requireNonNull(depth, "depth"));
  }

  /** Drops every series of a deleted ExternalSecret, so that it stops being reported. */
  public void removeExternalSecret(String namespace, String name) {
    for (String metric : PER_EXTERNAL_SECRET) remove(registry.find(metric).tags("namespace", namespace, "name", name).meters());
  }

  /** Drops the series of every ExternalSecret and store (the controller stopped: it no longer knows how they are). */
  public void removeAllObjects() {
    for (String metric : PER_EXTERNAL_SECRET) remove(registry.find(metric).meters());
    remove(registry.find(SECRETSTORE_CONDITION).meters());
    remove(registry.find(CLUSTERSECRETSTORE_CONDITION).meters());
  }

  private void remove(Collection<Meter> meters) {
    for (Meter meter : meters) {
      values.remove(meter.getId());
      registry.remove(meter);
    }
  }

  /** A store's token Secret changed (the new token is used from the next call on). */
  public void tokenRotation() {
    count(TOKEN_ROTATIONS, "Token Secrets of stores seen changing", Tags.empty());
  }

  /** A TokenExpiring warning was given (once per token). */
  public void tokenExpiryWarning() {
    count(TOKEN_EXPIRY_WARNINGS, "Vault tokens reported as expiring within --token-expiry-warning", Tags.empty());
  }

  /** A managed Secret was written with data that differs from what it held. */
  public void valueChange() {
    count(VALUE_CHANGES, "Writes that changed the data of a managed Secret", Tags.empty());
  }

  /** A workload of {@code kind} (Deployment, StatefulSet, DaemonSet) was rolled because a Secret it uses changed. */
  public void workloadRestart(String kind) {
    count(WORKLOAD_RESTARTS, "Workloads rolled because the data of a Secret they consume changed", Tags.of("kind", kind));
  }

  private void count(String metric, String help, Tags tags) {
    Counter.builder(metric).description(help).tags(tags).register(registry).increment();
  }

  private static Tags object(String namespace, String name) {
    return Tags.of("name", Objects.requireNonNull(name, "name"), "namespace", Objects.requireNonNull(namespace, "namespace"));
  }

  /** A settable value exposed as a gauge; the map keeps it strongly reachable (gauges hold weak references). */
  private AtomicLong value(String metric, String help, Tags tags) {
    Meter.Id id = new Meter.Id(metric, tags, null, help, Meter.Type.GAUGE);
    return values.computeIfAbsent(id, k -> {
      AtomicLong v = new AtomicLong();
      Gauge.builder(metric, v, AtomicLong::doubleValue).description(help).tags(tags).register(registry);
      return v;
    });
  }
}

package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.secretgate.api.ApiGroup;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.ControllerSettings;
import io.secretgate.config.RotationSettings;
import io.secretgate.kube.CaReader;
import io.secretgate.kube.ClientCertificateReader;
import io.secretgate.kube.CleanupFinalizer;
import io.secretgate.kube.EventRecorder;
import io.secretgate.kube.Events;
import io.secretgate.kube.InformerStoreLookup;
import io.secretgate.kube.QueuedEvents;
import io.secretgate.kube.SecretDeleter;
import io.secretgate.kube.SecretWriter;
import io.secretgate.kube.StatusWriter;
import io.secretgate.kube.StoreStatusWriter;
import io.secretgate.kube.TokenReader;
import io.secretgate.kube.TokenSecretWatch;
import io.secretgate.kube.Workloads;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.template.GoTemplateEngine;
import io.secretgate.threads.ThreadHealth;
import io.secretgate.validation.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync controller: the caches of {@link SyncInformers} (managed Secrets only, never every
 * Secret in the cluster), a de-duplicating work queue and N workers running
 * {@link ExternalSecretReconciler}; retries wait for their backoff and a global rate limit. Store
 * events, periodic store checks and token re-targeting run on one store-check thread. Kubernetes
 * Events are written by one sender thread ({@link QueuedEvents}), so a slow events API holds no
 * sync. It has an API client of its own, closed by {@link #stop}: nothing it started writes once the
 * grace is over.
 */
public final class SyncController implements Controller {
  private static final Logger LOG = LoggerFactory.getLogger(SyncController.class);

  /** The longest a sync round shares Vault answers and tokens while the queue never runs dry. */
  static final Duration MAX_ROUND = Duration.ofSeconds(30);
  /** A round ends after this long without a sync while nothing is due (the queue's busy period is over). */
  static final Duration QUIET = Duration.ofSeconds(1);

  private final KubernetesClient client;
  private final ControllerSettings settings;
  private final SyncMetrics metrics;
  private final Clock clock;
  private final WorkQueue<String> queue;
  private final TokenBucket limit;
  private final SyncInformers informers;
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService storeChecks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "secretgate-store-readiness");
    t.setDaemon(true);
    return t;
  });
  private volatile StoreReadiness readiness;
  /** Store checks and token re-targeting asked for and not finished yet. */
  private final AtomicInteger storeWork = new AtomicInteger();
  private final AtomicLong handled = new AtomicLong();
  private long handledAtLastLook = -1;
  private volatile ExternalSecretReconciler reconciler;
  private volatile VaultConnections vaults;
  private volatile boolean stopping;
  private final RotationSettings rotation;
  private final ResyncRequests resyncs = new ResyncRequests();
  private final RecentlyDeleted recentlyDeleted;
  private volatile TokenRotation tokens;
  private volatile WorkloadRestarts restarts;
  private volatile QueuedEvents events;
  private final UnaryOperator<Sync> syncs;
  private final UnaryOperator<Runnable> storeTasks;
  /** Unhealthy once a thread of this controller died of an {@link Error} that may leave the JVM unsound. */
  private final ThreadHealth threads = new ThreadHealth("the controller");

  /** One sync of one key (namespace/name): the reconciler's, or what a test puts around it. */
  @FunctionalInterface
  interface Sync {
    SyncResult run(String key);
  }

  /** Without the rotation extras: no workload restarts, no token-expiry warning. */
  public SyncController(KubernetesClient client, ControllerSettings settings, SyncMetrics metrics, Clock clock) {
    this(client, settings, new RotationSettings(false, Duration.ZERO), metrics, clock);
  }

  public SyncController(KubernetesClient client, ControllerSettings settings, RotationSettings rotation, SyncMetrics metrics, Clock clock) {
    this(client, settings, rotation, metrics, clock, UnaryOperator.identity(), UnaryOperator.identity());
  }

  /**
   * {@code syncs}: what runs each sync, given the reconciler's; {@code storeTasks}: what runs each task
   * of the store-check thread, given the controller's (tests put failures around them).
   */
  SyncController(KubernetesClient client, ControllerSettings settings, RotationSettings rotation, SyncMetrics metrics, Clock clock,
      UnaryOperator<Sync> syncs, UnaryOperator<Runnable> storeTasks) {
    this.syncs = syncs;
    this.storeTasks = storeTasks;
    this.rotation = rotation;
    this.client = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.queue = new WorkQueue<>(clock, Backoff.standard());
    this.limit = new TokenBucket(settings.qps(), settings.burst());
    this.informers = new SyncInformers(this.client);
    this.recentlyDeleted = new RecentlyDeleted(clock);
  }

  @Override
  public void start() {
    VaultConnections vaults = this.vaults = new VaultConnections(new TokenReader(client), new CaReader(client), new ClientCertificateReader(client),
        new ReadCache(clock, MAX_ROUND), Duration.ofSeconds(10), metrics);
    QueuedEvents events = this.events = new QueuedEvents(new EventRecorder(client, clock), threads);
    readiness = new StoreReadiness(vaults, new StoreStatusWriter(client, clock),
        Optional.of(new TokenExpiryWarnings(rotation.tokenExpiryWarning(), events, metrics, this::reference)),
        (store, event) -> events.record(reference(store), event));
    if (rotation.restartWorkloads()) {
      restarts = new WorkloadRestarts(new Workloads(client), events, metrics, WorkloadRestarts.DEFAULT_WINDOW,
          WorkloadRestarts.retryBackoff(WorkloadRestarts.DEFAULT_WINDOW), threads);
    }
    tokens = new TokenRotation(onChange -> new TokenSecretWatch(client, onChange), informers::allStores,
        store -> storeWork(() -> checkStore(store)), this::resyncUsers, metrics);
    informers.start(namespaces(), new SyncInformers.Handlers(this::enqueueExternalSecret, this::managedSecretChanged,
        secret -> recentlyDeleted.deleted(Cache.metaNamespaceKeyFunc(secret)), this::storeChanged));
    ExternalSecretReconciler reconciler = reconciler(vaults, events);
    this.reconciler = reconciler;
    metrics.bindWorkQueueDepth(queue::depth);
    long every = Math.max(1, settings.storeRefreshInterval().toSeconds());
    storeChecks.scheduleWithFixedDelay(onStoreThread("the periodic store check", () -> informers.allStores().forEach(this::checkStore)),
        every, every, TimeUnit.SECONDS);
    storeChecks.scheduleWithFixedDelay(onStoreThread("the end of a sync round", () -> endRoundWhenQuiet(vaults)),
        QUIET.toMillis(), QUIET.toMillis(), TimeUnit.MILLISECONDS);
    storeWork(tokens::storesChanged);
    for (int i = 0; i < settings.workers(); i++) {
      Thread t = new Thread(() -> work(reconciler, syncs.apply(reconciler::reconcile)), "secretgate-sync-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
  }

  @Override
  public void stop(Duration grace) {
    stopping = true;
    queue.shutDown();
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread t : workers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    storeChecks.shutdownNow();
    if (tokens != null) tokens.stop();
    if (restarts != null) {
      restarts.flushAll();
      restarts.close();
    }
    if (events != null) events.stop(Duration.ofNanos(deadline - System.nanoTime())); // what is left then is dropped, counted in the log
    informers.stop();
    // A standby (or a stopped process) reports nothing about ExternalSecrets or stores: the leader does. ESO's
    // controller exits when it loses the lease, and its series go with it.
    metrics.bindWorkQueueDepth(() -> 0);
    metrics.removeAllObjects();
    client.close(); // a sync still running past the grace writes nothing: another replica may lead by now
  }

  /** When {@code key} (namespace/name) is next due, if it is queued (tests). */
  Optional<Instant> nextAttempt(String key) {
    return queue.dueAt(key);
  }

  /** Whether no sync is running and none is due now, no store check asked for is pending and every Event recorded is written (tests). */
  boolean idle() {
    QueuedEvents e = events;
    return queue.idle() && storeWork.get() == 0 && (e == null || e.idle());
  }

  @Override
  public boolean ready() {
    return informers.synced();
  }

  @Override
  public boolean healthy() {
    return threads.healthy() && (stopping || informers.running());
  }

  private ExternalSecretReconciler reconciler(VaultConnections vaults, Events events) {
    InformerStoreLookup stores = informers.storeLookup();
    ExternalSecretReconciler.SyncCluster cluster = new ExternalSecretReconciler.SyncCluster(informers.externalSecretByKey(), informers.managedSecretByKey(),
        new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, informers.managedSecretByKey(), new SecretDataChanges()),
        new SecretDeleter(client, informers::createdBy), new StatusWriter(client, clock), events, new CleanupFinalizer(client));
    return new ExternalSecretReconciler(cluster, stores, vaults, new DesiredSecretBuilder(new GoTemplateEngine()), clock, resyncs);
  }

  private void work(ExternalSecretReconciler reconciler, Sync sync) {
    while (!stopping) {
      Optional<String> key;
      try {
        key = queue.take(Duration.ofSeconds(1));
        if (key.isEmpty()) continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        handle(key.get(), reconciler, sync);
      } catch (Error e) {
        threads.died("sync worker " + Thread.currentThread().getName() + " (syncing ExternalSecret " + key.get() + ")", e);
        return;
      } finally {
        queue.done(key.get());
        handled.incrementAndGet();
      }
    }
  }

  /** Ends the sync round once a whole {@link #QUIET} period passed without syncs and nothing is due; else ages it. */
  private void endRoundWhenQuiet(VaultConnections vaults) {
    long now = handled.get();
    if (now == handledAtLastLook && queue.idle()) vaults.endRound();
    else vaults.expireReads();
    ExternalSecretReconciler r = reconciler;
    if (r != null) r.expireOwnWrites();
    handledAtLastLook = now;
  }

  private void handle(String key, ExternalSecretReconciler reconciler, Sync sync) {
    String[] nsName = key.split("/", 2);
    long started = System.nanoTime();
    SyncResult result;
    try {
      result = sync.run(key);
    } catch (RuntimeException | StackOverflowError e) { // a stack overflow has unwound: this worker goes on
      LOG.warn("sync ExternalSecret {} failed unexpectedly ({}); retrying", key, e.getClass().getSimpleName());
      result = SyncResult.unreported(informers.externalSecretByKey().apply(key), e.getClass().getSimpleName());
    }
    if (result instanceof SyncResult.Gone) { // as ESO: a deleted ExternalSecret's series go with it
      queue.forget(key);
      reconciler.forget(key);
      metrics.removeExternalSecret(nsName[0], nsName[1]);
      return;
    }
    metrics.syncCall(nsName[0], nsName[1]);
    metrics.reconcileDuration(nsName[0], nsName[1], Duration.ofNanos(System.nanoTime() - started));
    if (result instanceof SyncResult.Done done) {
      queue.forget(key);
      done.ready().ifPresent(ready -> metrics.readyCondition(nsName[0], nsName[1], ready));
      done.after().ifPresent(d -> queue.addAfter(key, d));
    } else {
      metrics.syncError(nsName[0], nsName[1]);
      // as ESO, the gauge moves only with the Ready condition: False when the failure was written, else as it stays
      Optional<Boolean> ready = result instanceof SyncResult.Retry r ? r.ready() : Optional.of(false);
      ready.ifPresent(v -> metrics.readyCondition(nsName[0], nsName[1], v));
      if (result instanceof SyncResult.Retry) queue.retry(key, limit.reserve());
      if (result instanceof SyncResult.RateLimited r) queue.holdFor(key, queue.retry(key, RetryDelay.atLeast(limit.reserve(), r.retryAfter())));
    }
    // a sync that outlived stop()'s grace: stop() dropped every series, and a replica that no longer leads reports none
    if (stopping) metrics.removeExternalSecret(nsName[0], nsName[1]);
  }

  private void enqueueExternalSecret(ExternalSecret es) {
    queue.add(Cache.metaNamespaceKeyFunc(es));
  }

  private void managedSecretChanged(Secret secret) {
    ExternalSecretReconciler r = reconciler;
    if (r != null) r.secretSeen(Cache.metaNamespaceKeyFunc(secret));
    enqueueOwner(secret);
    informers.targeting(secret.getMetadata().getNamespace(), secret.getMetadata().getName()).forEach(queue::add);
  }

  private void enqueueOwner(Secret secret) {
    List<OwnerReference> refs = secret.getMetadata().getOwnerReferences();
    if (refs == null) return;
    refs.stream().filter(r -> "ExternalSecret".equals(r.getKind()))
        .forEach(r -> queue.add(secret.getMetadata().getNamespace() + "/" + r.getName()));
  }

  /** How many stores' Vault clients are kept (for tests). */
  int vaultClients() {
    VaultConnections connections = vaults;
    return connections == null ? 0 : connections.gatewayCount();
  }

  /** A store event: only what {@link StoreChange} says it asks for, and only for the ExternalSecrets using that store. */
  private void storeChanged(HasMetadata object, StoreChange change) {
    if (stopping || change == StoreChange.NONE) return;
    Store store = SyncInformers.asStore(object);
    switch (change.users()) {
      case ENQUEUE -> informers.users(store).forEach(queue::add);
      case RESYNC -> resyncUsers(store);
      case NONE -> { }
    }
    if (change.retargetTokens()) storeWork(() -> tokens.storesChanged());
    if (change.check()) storeWork(() -> checkStore(object));
    // on the store-check thread, after any check of the store queued before its deletion
    if (change == StoreChange.DELETED) {
      storeWork(() -> {
        metrics.removeStore(store.kind(), store.namespace(), store.name());
        VaultConnections connections = vaults;
        if (connections != null) connections.forget(store); // its Vault client, kept across syncs
      });
    }
  }

  /** Runs {@code task} on the store-check thread, counted until it is done (see {@link #idle}). */
  private void storeWork(Runnable task) {
    storeWork.incrementAndGet();
    Runnable run = onStoreThread("a store check", task);
    storeChecks.execute(() -> {
      try {
        run.run();
      } finally {
        storeWork.decrementAndGet();
      }
    });
  }

  /** {@code task} as the store-check thread runs it: an {@link Error} does not end it silently (see {@link ThreadHealth}). */
  private Runnable onStoreThread(String name, Runnable task) {
    return threads.guarded(name, storeTasks.apply(task));
  }

  private void checkStore(HasMetadata object) {
    SyncInformers.toStore(object).ifPresent(this::checkStore);
  }

  private void checkStore(Store store) {
    StoreReadiness r = readiness;
    if (r == null || stopping) return;
    try {
      Optional<Boolean> ready = r.check(store);
      ready.ifPresent(v -> metrics.storeReadyCondition(store.kind(), store.namespace(), store.name(), v));
      // gone or no longer a Vault store; or a check that outlived stop(), which dropped every series of this replica
      if (ready.isEmpty() || stopping) metrics.removeStore(store.kind(), store.namespace(), store.name());
    } catch (RuntimeException | StackOverflowError e) { // a stack overflow has unwound: the other stores are checked
      LOG.warn("checking store {} failed ({})", store.name(), e.getClass().getSimpleName());
    }
  }

  /** The store as an Event's involved object (with its uid when the informer has it). */
  private ObjectReference reference(Store store) {
    String uid = informers.storeObject(store).map(o -> o.getMetadata().getUid()).orElse(null);
    return new ObjectReferenceBuilder().withApiVersion(ApiGroup.V1).withKind(store.kind().name()).withNamespace(store.namespace())
        .withName(store.name()).withUid(uid).build();
  }

  /** The store's token or spec changed: sync its ExternalSecrets again now, even those with no refresh due. */
  private void resyncUsers(Store store) {
    VaultConnections v = vaults;
    if (v != null) v.forgetTokens(); // the next syncs read the changed token, whatever the read round
    informers.users(store).forEach(key -> {
      resyncs.request(key);
      queue.add(key);
    });
  }

  /**
   * A data change is counted and rolls workloads. A created Secret rolls the workloads rolled before
   * only when it was seen deleted first (re-created, e.g. to force a sync): a first deployment lists
   * and rolls nothing.
   */
  private final class SecretDataChanges implements SecretWriter.DataChangeListener {
    @Override
    public void dataChanged(String namespace, String name, String oldDataHash, String newDataHash) {
      metrics.valueChange();
      WorkloadRestarts r = restarts;
      if (r != null) r.secretChanged(namespace, name);
    }

    @Override
    public void created(String namespace, String name, String newDataHash) {
      WorkloadRestarts r = restarts;
      if (r != null && recentlyDeleted.take(namespace + "/" + name)) r.secretCreated(namespace, name);
    }
  }

  private List<String> namespaces() {
    return settings.allNamespaces() ? Collections.singletonList(null) : settings.namespaces();
  }
}

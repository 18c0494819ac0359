package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.secretgate.api.ApiGroup;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.api.SecretStore;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.SecretStoreStatus;
import io.secretgate.api.StoreKind;
import io.secretgate.config.ControllerSettings;
import io.secretgate.config.RotationSettings;
import io.secretgate.kube.CaReader;
import io.secretgate.kube.CleanupFinalizer;
import io.secretgate.kube.EventRecorder;
import io.secretgate.kube.InformerStoreLookup;
import io.secretgate.kube.SecretDeleter;
import io.secretgate.kube.SecretWriter;
import io.secretgate.kube.StatusWriter;
import io.secretgate.kube.StoreStatusWriter;
import io.secretgate.kube.TokenReader;
import io.secretgate.kube.TokenSecretWatch;
import io.secretgate.kube.Workloads;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.secrets.template.GoTemplateEngine;
import io.secretgate.validation.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync controller: informers on ExternalSecrets, both store kinds, Namespaces and managed
 * Secrets only (label selector; never every Secret in the cluster), a de-duplicating work queue
 * and N workers running {@link ExternalSecretReconciler}; retries wait for their backoff and a
 * global rate limit.
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
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final List<SharedIndexInformer<ExternalSecret>> esInformers = new ArrayList<>();
  private final List<SharedIndexInformer<Secret>> secretInformers = new ArrayList<>();
  private final List<SharedIndexInformer<SecretStore>> storeInformers = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile SharedIndexInformer<ClusterSecretStore> clusterStores;
  private final ScheduledExecutorService storeChecks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "secretgate-store-readiness");
    t.setDaemon(true);
    return t;
  });
  private volatile StoreReadiness readiness;
  /** Store checks and token re-targeting asked for and not finished yet. */
  private final java.util.concurrent.atomic.AtomicInteger storeWork = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
  private long handledAtLastLook = -1;
  private volatile ExternalSecretReconciler reconciler;
  private volatile VaultConnections vaults;
  private volatile boolean stopping;
  private final RotationSettings rotation;
  private final ResyncRequests resyncs = new ResyncRequests();
  private volatile TokenRotation tokens;
  private volatile WorkloadRestarts restarts;

  /** Without the rotation extras: no workload restarts, no token-expiry warning. */
  public SyncController(KubernetesClient client, ControllerSettings settings, SyncMetrics metrics, Clock clock) {
    this(client, settings, new RotationSettings(false, Duration.ZERO), metrics, clock);
  }

  public SyncController(KubernetesClient client, ControllerSettings settings, RotationSettings rotation, SyncMetrics metrics, Clock clock) {
    this.rotation = rotation;
    this.client = client;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.queue = new WorkQueue<>(clock, Backoff.standard());
    this.limit = new TokenBucket(settings.qps(), settings.burst());
  }

  @Override
  public void start() {
    VaultConnections vaults = this.vaults = new VaultConnections(new TokenReader(client), new CaReader(client), new ReadCache(clock, MAX_ROUND), Duration.ofSeconds(10), metrics);
    EventRecorder events = new EventRecorder(client, clock);
    readiness = new StoreReadiness(vaults, new StoreStatusWriter(client, clock),
        Optional.of(new TokenExpiryWarnings(rotation.tokenExpiryWarning(), events, metrics, this::reference)));
    if (rotation.restartWorkloads()) restarts = new WorkloadRestarts(new Workloads(client), events, metrics, WorkloadRestarts.DEFAULT_WINDOW);
    tokens = new TokenRotation(onChange -> new TokenSecretWatch(client, onChange), this::allStores,
        store -> storeWork(() -> checkStore(store)), this::resyncUsers, metrics);
    for (String ns : namespaces()) {
      esInformers.add(inform(scoped(client.resources(ExternalSecret.class), ns), handler(this::enqueueExternalSecret)));
      storeInformers.add(inform(scoped(client.resources(SecretStore.class), ns), storeEvents()));
      secretInformers.add(informManagedSecrets(ns));
    }
    clusterStores = inform(client.resources(ClusterSecretStore.class), storeEvents());
    SharedIndexInformer<Namespace> namespaceInformer = inform(client.namespaces(), handler(n -> { }));
    ExternalSecretReconciler reconciler = reconciler(clusterStores, namespaceInformer, vaults);
    this.reconciler = reconciler;
    metrics.bindWorkQueueDepth(queue::depth);
    long every = Math.max(1, settings.storeRefreshInterval().toSeconds());
    storeChecks.scheduleWithFixedDelay(() -> checkAllStores(clusterStores), every, every, TimeUnit.SECONDS);
    storeChecks.scheduleWithFixedDelay(() -> endRoundWhenQuiet(vaults), QUIET.toMillis(), QUIET.toMillis(), TimeUnit.MILLISECONDS);
    storeWork(tokens::storesChanged);
    for (int i = 0; i < settings.workers(); i++) {
      Thread t = new Thread(() -> work(reconciler), "secretgate-sync-" + i);
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
    informers.forEach(SharedIndexInformer::stop);
  }

  /** When {@code key} (namespace/name) is next due, if it is queued (tests). */
  Optional<java.time.Instant> nextAttempt(String key) {
    return queue.dueAt(key);
  }

  /** Whether no sync is running and none is due now, and no store check asked for is pending (tests). */
  boolean idle() {
    return queue.idle() && storeWork.get() == 0;
  }

  @Override
  public boolean ready() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  private ExternalSecretReconciler reconciler(SharedIndexInformer<ClusterSecretStore> clusterStores, SharedIndexInformer<Namespace> namespaces,
      VaultConnections vaults) {
    InformerStoreLookup stores = new InformerStoreLookup(byKey(storeInformers), clusterStores.getStore()::getByKey, namespaces.getStore()::getByKey);
    ExternalSecretReconciler.SyncCluster cluster = new ExternalSecretReconciler.SyncCluster(
        byKey(esInformers), byKey(secretInformers), new SecretWriter(client, SecretWriter.DEFAULT_ATTEMPTS, byKey(secretInformers), this::secretDataChanged),
        new SecretDeleter(client, this::createdBy), new StatusWriter(client, clock), new EventRecorder(client, clock), new CleanupFinalizer(client));
    return new ExternalSecretReconciler(cluster, stores, vaults, new DesiredSecretBuilder(new GoTemplateEngine()), clock, resyncs);
  }

  private void work(ExternalSecretReconciler reconciler) {
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
        handle(key.get(), reconciler);
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

  private void handle(String key, ExternalSecretReconciler reconciler) {
    String[] nsName = key.split("/", 2);
    long started = System.nanoTime();
    metrics.syncCall(nsName[0], nsName[1]);
    SyncResult result;
    try {
      result = reconciler.reconcile(key);
    } catch (RuntimeException e) {
      LOG.warn("sync ExternalSecret {} failed unexpectedly ({}); retrying", key, e.getClass().getSimpleName());
      result = new SyncResult.Retry(e.getClass().getSimpleName());
    }
    metrics.reconcileDuration(nsName[0], nsName[1], Duration.ofNanos(System.nanoTime() - started));
    if (result instanceof SyncResult.Done done) {
      queue.forget(key);
      metrics.readyCondition(nsName[0], nsName[1], true);
      done.after().ifPresent(d -> queue.addAfter(key, d));
    } else {
      metrics.syncError(nsName[0], nsName[1]);
      metrics.readyCondition(nsName[0], nsName[1], false);
      if (result instanceof SyncResult.Retry) queue.retry(key, limit.reserve());
      if (result instanceof SyncResult.RateLimited r) queue.holdFor(key, queue.retry(key, RetryDelay.atLeast(limit.reserve(), r.retryAfter())));
    }
  }

  private void enqueueExternalSecret(ExternalSecret es) {
    queue.add(Cache.metaNamespaceKeyFunc(es));
  }

  private void managedSecretChanged(Secret secret) {
    ExternalSecretReconciler r = reconciler;
    if (r != null) r.secretSeen(Cache.metaNamespaceKeyFunc(secret));
    enqueueOwner(secret);
  }

  private void enqueueOwner(Secret secret) {
    List<OwnerReference> refs = secret.getMetadata().getOwnerReferences();
    if (refs == null) return;
    refs.stream().filter(r -> "ExternalSecret".equals(r.getKind()))
        .forEach(r -> queue.add(secret.getMetadata().getNamespace() + "/" + r.getName()));
  }

  /** A store event: only what {@link StoreChange} says it asks for, and only for the ExternalSecrets using that store. */
  private void storeChanged(HasMetadata object, StoreChange change) {
    if (stopping || change == StoreChange.NONE) return;
    Store store = asStore(object);
    switch (change.users()) {
      case ENQUEUE -> users(store).forEach(queue::add);
      case RESYNC -> resyncUsers(store);
      case NONE -> { }
    }
    if (change.retargetTokens()) storeWork(() -> tokens.storesChanged());
    if (change.check()) storeWork(() -> checkStore(object));
  }

  /** Runs {@code task} on the store-check thread, counted until it is done (see {@link #idle}). */
  private void storeWork(Runnable task) {
    storeWork.incrementAndGet();
    storeChecks.execute(() -> {
      try {
        task.run();
      } finally {
        storeWork.decrementAndGet();
      }
    });
  }

  private void checkAllStores(SharedIndexInformer<ClusterSecretStore> clusterStores) {
    clusterStores.getStore().list().forEach(this::checkStore);
    storeInformers.forEach(i -> i.getStore().list().forEach(this::checkStore));
  }

  private void checkStore(HasMetadata object) {
    toStore(object).ifPresent(this::checkStore);
  }

  private void checkStore(Store store) {
    StoreReadiness r = readiness;
    if (r == null || stopping) return;
    try {
      r.check(store);
    } catch (RuntimeException e) {
      LOG.warn("checking store {} failed ({})", store.name(), e.getClass().getSimpleName());
    }
  }

  private static Optional<Store> toStore(HasMetadata object) {
    return Optional.of(asStore(object)).filter(s -> s.spec() != null);
  }

  /** The store's kind, name, namespace and spec (null when it has none). */
  private static Store asStore(HasMetadata object) {
    if (object instanceof ClusterSecretStore c) return new Store(StoreKind.ClusterSecretStore, c.getMetadata().getName(), null, c.getSpec());
    SecretStore s = (SecretStore) object;
    return new Store(StoreKind.SecretStore, s.getMetadata().getName(), s.getMetadata().getNamespace(), s.getSpec());
  }

  private List<Store> allStores() {
    List<HasMetadata> objects = new ArrayList<>();
    if (clusterStores != null) objects.addAll(clusterStores.getStore().list());
    storeInformers.forEach(i -> objects.addAll(i.getStore().list()));
    return objects.stream().map(SyncController::toStore).flatMap(Optional::stream).toList();
  }

  /** The store as an Event's involved object (with its uid when the informer has it). */
  private ObjectReference reference(Store store) {
    HasMetadata object = store.kind() == StoreKind.ClusterSecretStore
        ? (clusterStores == null ? null : clusterStores.getStore().getByKey(store.name()))
        : byKey(storeInformers).apply(store.namespace() + "/" + store.name());
    return new ObjectReferenceBuilder().withApiVersion(ApiGroup.V1).withKind(store.kind().name()).withNamespace(store.namespace())
        .withName(store.name()).withUid(object == null ? null : object.getMetadata().getUid()).build();
  }

  /** The store's token or spec changed: sync its ExternalSecrets again now, even those with no refresh due. */
  private void resyncUsers(Store store) {
    VaultConnections v = vaults;
    if (v != null) v.forgetTokens(); // the next syncs read the changed token, whatever the read round
    users(store).forEach(key -> {
      resyncs.request(key);
      queue.add(key);
    });
  }

  /** The keys of the ExternalSecrets in the caches that read from {@code store}. */
  private List<String> users(Store store) {
    List<String> keys = new ArrayList<>();
    esInformers.forEach(i -> i.getStore().list().stream().filter(es -> TokenRotation.uses(es, store)).map(Cache::metaNamespaceKeyFunc).forEach(keys::add));
    return keys;
  }

  private void secretDataChanged(String namespace, String name, String oldHash, String newHash) {
    metrics.valueChange();
    WorkloadRestarts r = restarts;
    if (r != null) r.secretChanged(namespace, name);
  }

  private List<String> namespaces() {
    return settings.allNamespaces() ? java.util.Collections.singletonList(null) : settings.namespaces();
  }

  private static final String CREATED_BY_INDEX = "created-by";

  /** Managed Secrets only (label selector), indexed by namespace and created-by label for the orphan clean-up. */
  private SharedIndexInformer<Secret> informManagedSecrets(String namespace) {
    SharedIndexInformer<Secret> informer = scoped(client.secrets(), namespace).withLabel(ManagedSecretKeys.LABEL_MANAGED, "true").runnableInformer(0);
    informer.addIndexers(java.util.Map.of(CREATED_BY_INDEX, s -> {
      String createdBy = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(ManagedSecretKeys.LABEL_CREATED_BY);
      return createdBy == null ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + createdBy);
    }));
    informer.addEventHandler(handler(this::managedSecretChanged));
    informers.add(informer);
    informer.run();
    return informer;
  }

  private List<Secret> createdBy(String namespace, String createdBy) {
    List<Secret> out = new ArrayList<>();
    secretInformers.forEach(i -> out.addAll(i.getIndexer().byIndex(CREATED_BY_INDEX, namespace + "/" + createdBy)));
    return out;
  }

  private <T extends HasMetadata> SharedIndexInformer<T> inform(FilterWatchListDeletable<T, ?, ?> op, ResourceEventHandler<T> handler) {
    SharedIndexInformer<T> informer = op.inform(handler);
    informers.add(informer);
    return informer;
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> FilterWatchListDeletable<T, L, R> scoped(
      MixedOperation<T, L, R> op, String namespace) {
    return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }

  /** Store events, with the old and the new object of an update told apart by {@link StoreChange}. */
  private <T extends CustomResource<SecretStoreSpec, SecretStoreStatus>> ResourceEventHandler<T> storeEvents() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T store) {
        storeChanged(store, StoreChange.ADDED);
      }

      @Override
      public void onUpdate(T old, T now) {
        storeChanged(now, StoreChange.ofUpdate(old, now));
      }

      @Override
      public void onDelete(T store, boolean deletedFinalStateUnknown) {
        storeChanged(store, StoreChange.DELETED);
      }
    };
  }

  private static <T extends HasMetadata> Function<String, T> byKey(List<SharedIndexInformer<T>> list) {
    return key -> list.stream().map(i -> i.getStore().getByKey(key)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }
}

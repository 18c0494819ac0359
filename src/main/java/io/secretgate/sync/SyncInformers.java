package io.secretgate.sync;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ManagedSecretKeys;
import io.secretgate.api.SecretStore;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.SecretStoreStatus;
import io.secretgate.api.StoreKind;
import io.secretgate.kube.InformerStoreLookup;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.validation.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The sync controller's caches: informers on ExternalSecrets, SecretStores and managed Secrets
 * (label selector; never every Secret in the cluster) in each watched namespace, plus
 * ClusterSecretStores and Namespaces, and the lookups the controller makes over them. No API call
 * is made by a lookup.
 */
final class SyncInformers {
  private static final String CREATED_BY_INDEX = "created-by";
  private static final String TARGET_INDEX = "target";

  /** What the informers call: an ExternalSecret or managed Secret seen, or a store event as {@link StoreChange} reads it. */
  record Handlers(Consumer<ExternalSecret> externalSecret, Consumer<Secret> managedSecret, Consumer<Secret> managedSecretDeleted,
      BiConsumer<HasMetadata, StoreChange> store) {}

  private final KubernetesClient client;
  private final List<SharedIndexInformer<?>> all = new ArrayList<>();
  private final List<SharedIndexInformer<ExternalSecret>> externalSecrets = new ArrayList<>();
  private final List<SharedIndexInformer<Secret>> secrets = new ArrayList<>();
  private final List<SharedIndexInformer<SecretStore>> stores = new ArrayList<>();
  private volatile SharedIndexInformer<ClusterSecretStore> clusterStores;
  private volatile SharedIndexInformer<Namespace> namespaces;

  SyncInformers(KubernetesClient client) {
    this.client = client;
  }

  /** Starts every informer; {@code scope} is the namespaces to watch, or a single {@code null} for all of them. */
  void start(List<String> scope, Handlers handlers) {
    for (String ns : scope) {
      externalSecrets.add(informExternalSecrets(ns, handlers.externalSecret()));
      stores.add(inform(scoped(client.resources(SecretStore.class), ns), storeEvents(handlers.store())));
      secrets.add(informManagedSecrets(ns, handlers.managedSecret(), handlers.managedSecretDeleted()));
    }
    clusterStores = inform(client.resources(ClusterSecretStore.class), storeEvents(handlers.store()));
    namespaces = inform(client.namespaces(), onAny(n -> { }));
  }

  /** Whether every informer has listed its kind once. */
  boolean synced() {
    return !all.isEmpty() && all.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /**
   * False once fabric8 stopped an informer on its own (it does so on a watch error other than 410
   * Gone, e.g. an object it cannot read or a watch refused): its cache would never change again.
   */
  boolean running() {
    return all.stream().allMatch(SharedIndexInformer::isRunning);
  }

  void stop() {
    all.forEach(SharedIndexInformer::stop);
  }

  Function<String, ExternalSecret> externalSecretByKey() {
    return byKey(externalSecrets);
  }

  Function<String, Secret> managedSecretByKey() {
    return byKey(secrets);
  }

  /** Stores and namespace labels, as the reconciler resolves a store reference. */
  InformerStoreLookup storeLookup() {
    return new InformerStoreLookup(byKey(stores), clusterStores.getStore()::getByKey, namespaces.getStore()::getByKey);
  }

  /** The managed Secrets whose created-by label names {@code createdBy} in {@code namespace} (orphan clean-up). */
  List<Secret> createdBy(String namespace, String createdBy) {
    List<Secret> out = new ArrayList<>();
    secrets.forEach(i -> out.addAll(i.getIndexer().byIndex(CREATED_BY_INDEX, namespace + "/" + createdBy)));
    return out;
  }

  /**
   * The keys of the cached ExternalSecrets whose target is the Secret {@code namespace/name}: how a
   * Secret event reaches the ExternalSecrets writing it without an ownerReference (Merge,
   * CreateOrMerge, Orphan), as ESO maps Secret events by target name.
   */
  List<String> targeting(String namespace, String name) {
    List<String> keys = new ArrayList<>();
    externalSecrets.forEach(i -> i.getIndexer().byIndex(TARGET_INDEX, namespace + "/" + name).stream()
        .map(Cache::metaNamespaceKeyFunc).forEach(keys::add));
    return keys;
  }

  /** Every cached store of both kinds that has a spec. */
  List<Store> allStores() {
    List<HasMetadata> objects = new ArrayList<>();
    SharedIndexInformer<ClusterSecretStore> cluster = clusterStores;
    if (cluster != null) objects.addAll(cluster.getStore().list());
    stores.forEach(i -> objects.addAll(i.getStore().list()));
    return objects.stream().map(SyncInformers::toStore).flatMap(Optional::stream).toList();
  }

  /** The cached object of {@code store}, if the informer has it. */
  Optional<HasMetadata> storeObject(Store store) {
    if (store.kind() == StoreKind.ClusterSecretStore) {
      SharedIndexInformer<ClusterSecretStore> cluster = clusterStores;
      return Optional.ofNullable(cluster == null ? null : cluster.getStore().getByKey(store.name()));
    }
    return Optional.ofNullable(byKey(stores).apply(store.namespace() + "/" + store.name()));
  }

  /** The keys of the cached ExternalSecrets that read from {@code store}. */
  List<String> users(Store store) {
    List<String> keys = new ArrayList<>();
    externalSecrets.forEach(i -> i.getStore().list().stream().filter(es -> TokenRotation.uses(es, store)).map(Cache::metaNamespaceKeyFunc).forEach(keys::add));
    return keys;
  }

  /** The store's kind, name, namespace and spec, when it has a spec. */
  static Optional<Store> toStore(HasMetadata object) {
    return Optional.of(asStore(object)).filter(s -> s.spec() != null);
  }

  /** The store's kind, name, namespace and spec (null when it has none). */
  static Store asStore(HasMetadata object) {
    if (object instanceof ClusterSecretStore c) return new Store(StoreKind.ClusterSecretStore, c.getMetadata().getName(), null, c.getSpec());
    SecretStore s = (SecretStore) object;
    return new Store(StoreKind.SecretStore, s.getMetadata().getName(), s.getMetadata().getNamespace(), s.getSpec());
  }

  /** ExternalSecrets, indexed by the namespace and name of their target Secret. */
  private SharedIndexInformer<ExternalSecret> informExternalSecrets(String namespace, Consumer<ExternalSecret> onChange) {
    SharedIndexInformer<ExternalSecret> informer = scoped(client.resources(ExternalSecret.class), namespace).runnableInformer(0);
    informer.addIndexers(Map.of(TARGET_INDEX, es -> es.getSpec() == null ? List.of()
        : List.of(DesiredSecretBuilder.namespace(es) + "/" + DesiredSecretBuilder.secretName(es))));
    informer.addEventHandler(onAny(onChange, deleted -> { }, ExternalSecretChange::asksForSync));
    all.add(informer);
    informer.run();
    return informer;
  }

  /** Managed Secrets only (label selector), indexed by namespace and created-by label for the orphan clean-up. */
  private SharedIndexInformer<Secret> informManagedSecrets(String namespace, Consumer<Secret> onChange, Consumer<Secret> onDeleted) {
    SharedIndexInformer<Secret> informer = scoped(client.secrets(), namespace).withLabel(ManagedSecretKeys.LABEL_MANAGED, "true").runnableInformer(0);
    informer.addIndexers(Map.of(CREATED_BY_INDEX, s -> {
      String createdBy = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(ManagedSecretKeys.LABEL_CREATED_BY);
      return createdBy == null ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + createdBy);
    }));
    // one handler: a deletion is noted before the ExternalSecret it queues can create the Secret again
    informer.addEventHandler(onAny(onChange, onDeleted));
    all.add(informer);
    informer.run();
    return informer;
  }

  private <T extends HasMetadata> SharedIndexInformer<T> inform(FilterWatchListDeletable<T, ?, ?> op, ResourceEventHandler<T> handler) {
    SharedIndexInformer<T> informer = op.inform(handler);
    all.add(informer);
    return informer;
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>> FilterWatchListDeletable<T, L, R> scoped(
      MixedOperation<T, L, R> op, String namespace) {
    return namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace);
  }

  /** The same call for an add, an update (the new object) and a delete. */
  private static <T extends HasMetadata> ResourceEventHandler<T> onAny(Consumer<T> onChange) {
    return onAny(onChange, deleted -> { });
  }

  /** As {@link #onAny(Consumer)}, with {@code onDeleted} called first for a delete. */
  private static <T extends HasMetadata> ResourceEventHandler<T> onAny(Consumer<T> onChange, Consumer<T> onDeleted) {
    return onAny(onChange, onDeleted, (old, now) -> true);
  }

  /** As {@link #onAny(Consumer, Consumer)}, with an update passed on only when {@code matters} says so for the old and the new object. */
  private static <T extends HasMetadata> ResourceEventHandler<T> onAny(Consumer<T> onChange, Consumer<T> onDeleted, BiPredicate<T, T> matters) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (matters.test(oldObj, newObj)) onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onDeleted.accept(obj);
        onChange.accept(obj);
      }
    };
  }

  /** Store events, with the old and the new object of an update told apart by {@link StoreChange}. */
  private static <T extends CustomResource<SecretStoreSpec, SecretStoreStatus>> ResourceEventHandler<T> storeEvents(BiConsumer<HasMetadata, StoreChange> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T store) {
        onChange.accept(store, StoreChange.ADDED);
      }

      @Override
      public void onUpdate(T old, T now) {
        onChange.accept(now, StoreChange.ofUpdate(old, now));
      }

      @Override
      public void onDelete(T store, boolean deletedFinalStateUnknown) {
        onChange.accept(store, StoreChange.DELETED);
      }
    };
  }

  private static <T extends HasMetadata> Function<String, T> byKey(List<SharedIndexInformer<T>> list) {
    return key -> list.stream().map(i -> i.getStore().getByKey(key)).filter(Objects::nonNull).findFirst().orElse(null);
  }
}

package io.secretgate.sync;

import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretData;
import io.secretgate.api.ExternalSecretDataFrom;
import io.secretgate.api.SecretKeySelector;
import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import io.secretgate.api.StoreSourceRef;
import io.secretgate.kube.TokenSecretWatch;
import io.secretgate.kube.TokenSecretWatch.Ref;
import io.secretgate.secrets.DesiredSecretBuilder;
import io.secretgate.validation.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token rotation without a restart: the token Secrets named by the stores' {@code auth.tokenSecretRef}
 * are watched (one name-selected informer each, see {@link TokenSecretWatch}); when one changes, each
 * store using it is checked again and the ExternalSecrets of those stores are synced again. The token
 * itself is read from its Secret at every sync, so the new one is used from the next call on.
 * Referent auth (a ClusterSecretStore whose ref has no namespace: one token per ExternalSecret's
 * namespace) is not watched; such tokens are still read at every sync.
 */
final class TokenRotation {
  private static final Logger LOG = LoggerFactory.getLogger(TokenRotation.class);

  private final TokenSecretWatch watch;
  private final Supplier<List<Store>> stores;
  private final Consumer<Store> recheck;
  private final Consumer<Store> resyncUsers;
  private final SyncMetrics metrics;

  TokenRotation(TokenSecretWatch.Factory watches, Supplier<List<Store>> stores, Consumer<Store> recheck, Consumer<Store> resyncUsers,
      SyncMetrics metrics) {
    this.watch = watches.create(this::tokenChanged);
    this.stores = stores;
    this.recheck = recheck;
    this.resyncUsers = resyncUsers;
    this.metrics = metrics;
  }

  /** A store was added, changed or deleted: watch exactly the token Secrets the stores name now. */
  void storesChanged() {
    watch.watchExactly(stores.get().stream().map(TokenRotation::tokenSecret).flatMap(Optional::stream).collect(Collectors.toSet()));
  }

  void stop() {
    watch.close();
  }

  Set<Ref> watched() {
    return watch.watched();
  }

  private void tokenChanged(Ref ref) {
    metrics.tokenRotation();
    LOG.info("token Secret {} changed: checking its stores again and syncing their ExternalSecrets", ref);
    for (Store store : stores.get()) {
      if (tokenSecret(store).filter(ref::equals).isEmpty()) continue;
      recheck.accept(store);
      resyncUsers.accept(store);
    }
  }

  /** The one Secret holding the store's token; empty for referent auth or another auth method. */
  static Optional<Ref> tokenSecret(Store store) {
    if (store.spec() == null || store.spec().provider == null || store.spec().provider.vault == null) return Optional.empty();
    var auth = store.spec().provider.vault.auth;
    SecretKeySelector ref = auth == null ? null : auth.tokenSecretRef;
    if (ref == null || ref.name == null) return Optional.empty();
    if (store.kind() == StoreKind.ClusterSecretStore) {
      return ref.namespace == null || ref.namespace.isEmpty() ? Optional.empty() : Optional.of(new Ref(ref.namespace, ref.name));
    }
    return Optional.of(new Ref(store.namespace(), ref.name));
  }

  /** True when {@code es} reads from {@code store} (its secretStoreRef, or an entry's sourceRef.storeRef). */
  static boolean uses(ExternalSecret es, Store store) {
    if (es.getSpec() == null) return false;
    String namespace = DesiredSecretBuilder.namespace(es);
    if (store.kind() == StoreKind.SecretStore && !namespace.equals(store.namespace())) return false;
    return storeRefs(es).stream().anyMatch(r -> r.effectiveKind() == store.kind() && store.name().equals(r.name));
  }

  /** The store references of {@code es} (spec.secretStoreRef and the entries' sourceRef.storeRef) that name a store. */
  static List<SecretStoreRef> storeRefs(ExternalSecret es) {
    List<SecretStoreRef> refs = new ArrayList<>();
    if (es.getSpec() == null) return refs;
    refs.add(es.getSpec().secretStoreRef);
    for (ExternalSecretData d : es.getSpec().dataOrEmpty()) refs.add(storeRef(d.sourceRef));
    for (ExternalSecretDataFrom d : es.getSpec().dataFromOrEmpty()) refs.add(storeRef(d.sourceRef));
    refs.removeIf(r -> r == null || r.name == null);
    return refs;
  }

  private static SecretStoreRef storeRef(StoreSourceRef source) {
    return source == null ? null : source.storeRef;
  }
}

package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.SecretStore;
import io.secretgate.api.StoreKind;
import io.secretgate.validation.StoreLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Stores and namespace labels from informer caches: no API call per lookup (controller, webhook). */
public final class InformerStoreLookup implements StoreLookup {
  private final Store<SecretStore> secretStores;
  private final Store<ClusterSecretStore> clusterStores;
  private final Store<Namespace> namespaces;

  public InformerStoreLookup(Store<SecretStore> secretStores, Store<ClusterSecretStore> clusterStores, Store<Namespace> namespaces) {
    this.secretStores = secretStores;
    this.clusterStores = clusterStores;
    this.namespaces = namespaces;
  }

  @Override
  public Optional<io.secretgate.validation.Store> find(StoreKind kind, String name, String namespace) {
    if (kind == StoreKind.ClusterSecretStore) {
      return Optional.ofNullable(clusterStores.getByKey(name))
          .map(s -> new io.secretgate.validation.Store(kind, name, null, s.getSpec()));
    }
    return Optional.ofNullable(secretStores.getByKey(Cache.namespaceKeyFunc(namespace, name)))
        .map(s -> new io.secretgate.validation.Store(kind, name, namespace, s.getSpec()));
  }

  @Override
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    Namespace ns = namespaces.getByKey(namespace);
    if (ns == null) return Optional.empty();
    Map<String, String> labels = new HashMap<>(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
    labels.put("kubernetes.io/metadata.name", namespace);
    return Optional.of(labels);
  }
}

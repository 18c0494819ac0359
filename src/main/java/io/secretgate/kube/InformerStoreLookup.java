package io.secretgate.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.SecretStore;
import io.secretgate.api.StoreKind;
import io.secretgate.validation.StoreLookup;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Stores and namespace labels from informer caches: no API call per lookup (controller, webhook). */
public final class InformerStoreLookup implements StoreLookup {
  private final Function<String, SecretStore> secretStores;
  private final Function<String, ClusterSecretStore> clusterStores;
  private final Function<String, Namespace> namespaces;

  /** Lookups by informer cache key ({@code ns/name}, or {@code name} for cluster-scoped objects). */
  public InformerStoreLookup(Function<String, SecretStore> secretStores, Function<String, ClusterSecretStore> clusterStores,
      Function<String, Namespace> namespaces) {
    this.secretStores = secretStores;
    this.clusterStores = clusterStores;
    this.namespaces = namespaces;
  }

  @Override
  public Optional<io.secretgate.validation.Store> find(StoreKind kind, String name, String namespace) {
    if (kind == StoreKind.ClusterSecretStore) {
      return Optional.ofNullable(clusterStores.apply(name))
          .map(s -> new io.secretgate.validation.Store(kind, name, null, s.getSpec()));
    }
    return Optional.ofNullable(secretStores.apply(Cache.namespaceKeyFunc(namespace, name)))
        .map(s -> new io.secretgate.validation.Store(kind, name, namespace, s.getSpec()));
  }

  @Override
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    Namespace ns = namespaces.apply(namespace);
    if (ns == null) return Optional.empty();
    Map<String, String> labels = new HashMap<>(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
    labels.put("kubernetes.io/metadata.name", namespace);
    return Optional.of(labels);
  }
}

package io.secretgate.validation;

import io.secretgate.api.StoreKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link StoreLookup} over the stores and Namespaces found in a set of manifests. */
public final class ManifestStores implements StoreLookup {
  private final Map<String, Store> stores = new HashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();

  public void addStore(Store store) {
    stores.putIfAbsent(key(store.kind(), store.name(), store.namespace()), store);
  }

  public void addNamespace(String name, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels);
    all.put(NamespaceConditions.NAME_LABEL, name);
    namespaceLabels.put(name, all);
  }

  @Override
  public Optional<Store> find(StoreKind kind, String name, String namespace) {
    return Optional.ofNullable(stores.get(key(kind, name, kind == StoreKind.ClusterSecretStore ? null : namespace)));
  }

  @Override
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    return Optional.ofNullable(namespaceLabels.get(namespace));
  }

  private static String key(StoreKind kind, String name, String namespace) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }
}

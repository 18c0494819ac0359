package io.secretgate.validation;

import io.secretgate.api.StoreKind;
import java.util.Map;
import java.util.Optional;

/** Port: where stores and namespace labels come from (manifest files, or informer caches). */
public interface StoreLookup {
  /** The store of that kind and name; {@code namespace} is ignored for ClusterSecretStores. */
  Optional<Store> find(StoreKind kind, String name, String namespace);

  /** The labels of a namespace, or empty when they are not known. */
  Optional<Map<String, String>> namespaceLabels(String namespace);
}

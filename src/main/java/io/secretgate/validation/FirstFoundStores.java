package io.secretgate.validation;

import io.secretgate.api.StoreKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks each lookup in turn (e.g. the manifests being checked, then the cluster). */
public final class FirstFoundStores implements StoreLookup {
  private final List<StoreLookup> lookups;

  public FirstFoundStores(List<StoreLookup> lookups) {
    this.lookups = List.copyOf(lookups);
  }

  @Override
  public Optional<Store> find(StoreKind kind, String name, String namespace) {
    for (StoreLookup l : lookups) {
      Optional<Store> s = l.find(kind, name, namespace);
      if (s.isPresent()) return s;
    }
    return Optional.empty();
  }

  @Override
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    for (StoreLookup l : lookups) {
      Optional<Map<String, String>> labels = l.namespaceLabels(namespace);
      if (labels.isPresent()) return labels;
    }
    return Optional.empty();
  }
}

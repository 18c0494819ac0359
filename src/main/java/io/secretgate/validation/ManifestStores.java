package io.secretgate.validation;

import io.secretgate.api.ApiGroup;
import io.secretgate.api.StoreKind;
import io.secretgate.manifest.ManifestDocument;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.schema.CrdSchemas;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A {@link StoreLookup} over the stores and Namespaces found in a set of manifests. Built with
 * {@link #from}, it also keeps the verdict on every store document it read (an invalid store still
 * serves the ExternalSecrets that use it whenever it binds; it is reported on its own).
 */
public final class ManifestStores implements StoreLookup {
  private static final Set<String> STORE_KINDS = Set.of("SecretStore", "ClusterSecretStore");

  private final Map<String, Store> stores = new HashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
  private final Map<ManifestDocument, Verdict> storeVerdicts = new IdentityHashMap<>();

  /**
   * The stores (SecretStore, ClusterSecretStore of a supported ESO version; one of another ESO
   * version only gets its verdict) and Namespaces of
   * {@code manifests}; a SecretStore that names no namespace is in {@code defaultNamespace}.
   */
  public static ManifestStores from(ManifestSet manifests, CrdSchemas schemas, String defaultNamespace) {
    ManifestStores out = new ManifestStores();
    StoreCheck storeCheck = new StoreCheck(schemas);
    for (ManifestDocument doc : manifests.documents()) {
      // a version the CRDs do not serve gets its verdict (no schema) and binds nothing, as for an ExternalSecret
      if (ApiGroup.isOfGroup(doc.apiVersion()) && STORE_KINDS.contains(doc.kind())) {
        StoreCheck.Result r = storeCheck.check(doc.tree(), defaultNamespace);
        r.store().ifPresent(out::addStore);
        out.storeVerdicts.put(doc, r.verdict());
      } else if ("v1".equals(doc.apiVersion()) && "Namespace".equals(doc.kind()) && doc.name() != null) {
        out.addNamespace(doc.name(), labels(doc.tree()));
      }
    }
    return out;
  }

  public void addStore(Store store) {
    stores.putIfAbsent(key(store.kind(), store.name(), store.namespace()), store);
  }

  public void addNamespace(String name, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(labels);
    all.put(NamespaceConditions.NAME_LABEL, name);
    namespaceLabels.put(name, all);
  }

  /** The verdict on {@code doc} when {@link #from} read it as a store document. */
  public Optional<Verdict> storeVerdict(ManifestDocument doc) {
    return Optional.ofNullable(storeVerdicts.get(doc));
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

  private static Map<String, String> labels(JsonNode ns) {
    Map<String, String> labels = new HashMap<>();
    JsonNode l = ns.path("metadata").path("labels");
    if (l.isObject()) l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
    return labels;
  }
}

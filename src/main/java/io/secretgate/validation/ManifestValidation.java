package io.secretgate.validation;

import io.secretgate.api.ApiGroup;
import io.secretgate.manifest.ManifestDocument;
import io.secretgate.manifest.ManifestSet;
import io.secretgate.validation.schema.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code secretgate validate} without the I/O: checks every store in a manifest set, then every
 * ExternalSecret against those stores (plus any {@code extraStores}) and a policy oracle. Stores
 * are listed only when invalid; other kinds are not listed.
 */
public final class ManifestValidation {
  private final CrdSchemas schemas;
  private final PolicyOracle policies;
  private final String defaultNamespace;
  private final Optional<StoreLookup> extraStores;

  public ManifestValidation(CrdSchemas schemas, PolicyOracle policies, String defaultNamespace) {
    this(schemas, policies, defaultNamespace, Optional.empty());
  }

  /** With {@code extraStores} asked for stores (and namespaces) that the manifests do not hold. */
  public ManifestValidation(CrdSchemas schemas, PolicyOracle policies, String defaultNamespace, Optional<StoreLookup> extraStores) {
    this.schemas = schemas;
    this.policies = policies;
    this.defaultNamespace = defaultNamespace;
    this.extraStores = extraStores;
  }

  public List<DocumentResult> validate(ManifestSet manifests) {
    ManifestStores stores = ManifestStores.from(manifests, schemas, defaultNamespace);
    StoreLookup lookup = extraStores.<StoreLookup>map(extra -> new FirstFoundStores(List.of(stores, extra))).orElse(stores);
    ExternalSecretCheck esCheck = new ExternalSecretCheck(schemas, lookup, policies);
    List<DocumentResult> out = new ArrayList<>();
    for (ManifestDocument doc : manifests.documents()) {
      if (ApiGroup.isOfGroup(doc.apiVersion()) && "ExternalSecret".equals(doc.kind())) {
        out.add(result(doc, esCheck.check(doc.tree(), defaultNamespace)));
      } else {
        stores.storeVerdict(doc).filter(v -> !v.allowed()).ifPresent(v -> out.add(result(doc, v)));
      }
    }
    return out;
  }

  private DocumentResult result(ManifestDocument doc, Verdict verdict) {
    String ns = "ClusterSecretStore".equals(doc.kind()) ? null : doc.namespace() != null ? doc.namespace() : defaultNamespace;
    return new DocumentResult(doc.source(), doc.apiVersion(), doc.kind(), ns, doc.name(), verdict);
  }
}

package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;
import static io.secretgate.validation.ViolationCode.STORE_NOT_ALLOWED_IN_NAMESPACE;
import static io.secretgate.validation.ViolationCode.STORE_NOT_FOUND;

import io.secretgate.api.SecretStoreRef;
import io.secretgate.api.StoreKind;
import io.secretgate.api.VaultAuth;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the store behind each store reference of an ExternalSecret and decides whether the
 * ExternalSecret's namespace may use it. Each problem is reported once per referencing field.
 */
final class StoreResolution {
  private final StoreLookup lookup;
  private final String namespace;
  private final List<Violation> violations;
  private final Set<String> warnings;
  private final Map<String, Optional<Store>> resolved = new HashMap<>();

  StoreResolution(StoreLookup lookup, String namespace, List<Violation> violations, Set<String> warnings) {
    this.lookup = lookup;
    this.namespace = namespace;
    this.violations = violations;
    this.warnings = warnings;
  }

  /** The usable store for {@code ref}, or empty (with the reason recorded) when there is none. */
  Optional<Store> resolve(String refField, SecretStoreRef ref) {
    String key = refField + "|" + (ref == null ? "" : ref.effectiveKind() + "/" + ref.name);
    return resolved.computeIfAbsent(key, k -> lookUp(refField, ref));
  }

  private Optional<Store> lookUp(String field, SecretStoreRef ref) {
    if (ref == null || ref.name == null || ref.name.isEmpty()) {
      violations.add(new Violation(field + ".name", INVALID_SPEC, "a store name is required (spec.secretStoreRef.name, or a sourceRef.storeRef on every entry)"));
      return Optional.empty();
    }
    StoreKind kind = ref.effectiveKind();
    Optional<Store> store = lookup.find(kind, ref.name, namespace);
    if (store.isEmpty()) {
      String where = kind == StoreKind.ClusterSecretStore ? "" : " in namespace \"" + namespace + "\"";
      violations.add(new Violation(field, STORE_NOT_FOUND, kind + " \"" + ref.name + "\" not found" + where
          + (ref.kind == null ? " (secretStoreRef.kind is empty, which means SecretStore)" : "")));
      return Optional.empty();
    }
    if (kind == StoreKind.ClusterSecretStore && !allowedHere(field, store.get())) return Optional.empty();
    noteProvider(store.get());
    return store;
  }

  private boolean allowedHere(String field, Store store) {
    switch (NamespaceConditions.evaluate(store, namespace, lookup)) {
      case ALLOWED:
        return true;
      case UNDECIDED:
        warnings.add(store.displayName() + " selects namespaces by labels, and the labels of namespace \"" + namespace
            + "\" are not known here: add its Namespace manifest to check it");
        return true;
      default:
        violations.add(new Violation(field, STORE_NOT_ALLOWED_IN_NAMESPACE, NamespaceConditions.denied(store.name(), namespace)));
        return false;
    }
  }

  private void noteProvider(Store store) {
    if (store.spec().provider == null || store.spec().provider.vault == null) {
      Set<String> names = store.spec().provider == null ? Set.of() : store.spec().provider.providerNames();
      warnings.add(store.displayName() + " uses provider " + String.join(", ", names)
          + ", which secretgate does not read: its paths are not checked");
      return;
    }
    VaultAuth auth = store.spec().provider.vault.auth;
    List<String> methods = auth == null ? List.of() : auth.methodsPresent();
    if (methods.isEmpty() || !methods.get(0).equals("tokenSecretRef")) {
      // what matters first: the webhook's warnings are cut to 120 characters
      warnings.add(store.displayName() + " will not sync: " + authMethod(auth, methods) + ", and secretgate supports only tokenSecretRef yet");
    }
    noteWithoutEffect(store);
  }

  /** How the store logs in to Vault, when that is not with a token Secret. */
  private static String authMethod(VaultAuth auth, List<String> methods) {
    if (auth == null) return "it has no auth (ESO sends requests without a token)";
    return methods.isEmpty() ? "its auth names no method" : "it uses Vault auth method " + methods.get(0);
  }

  /**
   * Store fields secretgate accepts but does not act on, where that changes what happens: named,
   * never silently ignored. ({@code readYourWrites} alone changes nothing for a client that never
   * writes, and {@code auth.namespace} is only for a login, which token auth does not do.)
   */
  private void noteWithoutEffect(Store store) {
    if (store.spec().retrySettings != null) {
      warnings.add(store.displayName() + ": spec.retrySettings is not honoured by secretgate: a failed Vault call is not retried"
          + " within the sync; the sync is retried with backoff");
    }
  }

  /** Distinct stores resolved so far, in order of first use. */
  Set<Store> stores() {
    Set<Store> out = new LinkedHashSet<>();
    resolved.values().forEach(s -> s.ifPresent(out::add));
    return out;
  }
}

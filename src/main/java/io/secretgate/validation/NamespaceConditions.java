package io.secretgate.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.secretgate.api.ClusterSecretStoreCondition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.secretgate.secrets.GoRegexp;

/**
 * Whether a ClusterSecretStore's {@code spec.conditions} let a namespace use it (eso-facts.md
 * §2.1): allowed when there are no conditions, or when any selector, name or (unanchored) regex of
 * any condition matches.
 */
public final class NamespaceConditions {
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  /** The answer; {@code undecided} when only unknown namespace labels could have allowed it. */
  public enum Outcome { ALLOWED, DENIED, UNDECIDED }

  private NamespaceConditions() {}

  /**
   * Whether the ClusterSecretStore {@code store} lets {@code namespace} use it, given that namespace's
   * labels as far as {@code stores} knows them (without them only its name label is known).
   */
  public static Outcome evaluate(Store store, String namespace, StoreLookup stores) {
    Optional<Map<String, String>> known = stores.namespaceLabels(namespace);
    Map<String, String> labels = known.orElse(Map.of(NAME_LABEL, namespace));
    return evaluate(store.spec().conditions, namespace, labels, known.isPresent());
  }

  /** ESO's error text for a namespace the store's conditions leave out. */
  public static String denied(String storeName, String namespace) {
    return "using cluster store \"" + storeName + "\" is not allowed from namespace \"" + namespace + "\": denied by spec.condition";
  }

  static Outcome evaluate(List<ClusterSecretStoreCondition> conditions, String namespace, Map<String, String> labels, boolean labelsKnown) {
    if (conditions == null || conditions.isEmpty()) return Outcome.ALLOWED;
    boolean undecided = false;
    for (ClusterSecretStoreCondition c : conditions) {
      if (c.namespaces != null && c.namespaces.contains(namespace)) return Outcome.ALLOWED;
      if (c.namespaceRegexes != null && c.namespaceRegexes.stream().anyMatch(r -> finds(r, namespace))) return Outcome.ALLOWED;
      LabelSelector sel = c.namespaceSelector;
      if (sel != null) {
        // without the namespace's labels only its name label is known: a selector that needs others is undecided
        LabelSelectors.Match match = LabelSelectors.match(sel, labels, key -> labelsKnown || key.equals(NAME_LABEL));
        if (match == LabelSelectors.Match.YES) return Outcome.ALLOWED;
        if (match == LabelSelectors.Match.UNKNOWN) undecided = true;
      }
    }
    return undecided ? Outcome.UNDECIDED : Outcome.DENIED;
  }

  private static boolean finds(String regex, String namespace) {
    try {
      return GoRegexp.compile(regex).matches(namespace);
    } catch (GoRegexp.InvalidRegexpException e) {
      return false;
    }
  }
}

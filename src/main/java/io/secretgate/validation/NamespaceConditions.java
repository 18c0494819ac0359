package io.secretgate.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.secretgate.api.ClusterSecretStoreCondition;
import java.util.List;
import java.util.Map;
import io.secretgate.secrets.GoRegexp;

/**
 * Whether a ClusterSecretStore's {@code spec.conditions} let a namespace use it (eso-facts.md
 * §2.1): allowed when there are no conditions, or when any selector, name or (unanchored) regex of
 * any condition matches.
 */
final class NamespaceConditions {
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  /** The answer; {@code undecided} when only unknown namespace labels could have allowed it. */
  enum Outcome { ALLOWED, DENIED, UNDECIDED }

  private NamespaceConditions() {}

  static Outcome evaluate(List<ClusterSecretStoreCondition> conditions, String namespace, Map<String, String> labels, boolean labelsKnown) {
    if (conditions == null || conditions.isEmpty()) return Outcome.ALLOWED;
    boolean undecided = false;
    for (ClusterSecretStoreCondition c : conditions) {
      if (c.namespaces != null && c.namespaces.contains(namespace)) return Outcome.ALLOWED;
      if (c.namespaceRegexes != null && c.namespaceRegexes.stream().anyMatch(r -> finds(r, namespace))) return Outcome.ALLOWED;
      LabelSelector sel = c.namespaceSelector;
      if (sel != null) {
        if (LabelSelectors.matches(sel, labels)) return Outcome.ALLOWED;
        if (!labelsKnown && LabelSelectors.keys(sel).stream().anyMatch(k -> !k.equals(NAME_LABEL))) undecided = true;
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

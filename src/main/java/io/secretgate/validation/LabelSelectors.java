package io.secretgate.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label-selector matching (matchLabels AND every matchExpression). */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Whether {@code selector} matches {@code labels}; an empty selector matches everything. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) return false;
      }
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    if (exprs == null) return true;
    return exprs.stream().allMatch(r -> matches(r, labels));
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  /** Label keys a selector looks at. */
  static List<String> keys(LabelSelector selector) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    if (selector.getMatchLabels() != null) keys.addAll(selector.getMatchLabels().keySet());
    if (selector.getMatchExpressions() != null) selector.getMatchExpressions().forEach(r -> keys.add(r.getKey()));
    return keys;
  }
}

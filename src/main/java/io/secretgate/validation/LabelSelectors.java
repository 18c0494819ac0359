package io.secretgate.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Kubernetes label-selector matching (matchLabels AND every matchExpression). */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Whether a selector matches; {@code UNKNOWN} when that depends on labels that are not known. */
  enum Match { YES, NO, UNKNOWN }

  /**
   * Whether {@code selector} matches {@code labels}, where only the keys {@code known} accepts are
   * known (a key that is not known may hold any value, or none). An empty selector matches everything.
   */
  static Match match(LabelSelector selector, Map<String, String> labels, Predicate<String> known) {
    List<LabelSelectorRequirement> requirements = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> {
        if (v != null) requirements.add(new LabelSelectorRequirement(k, "In", List.of(v))); // the API server drops a null value
      });
    }
    if (selector.getMatchExpressions() != null) requirements.addAll(selector.getMatchExpressions());
    boolean unknown = false;
    for (LabelSelectorRequirement r : requirements) {
      if (problem(r).isPresent()) return Match.NO; // Kubernetes makes no selector of it: ESO's sync fails, nothing is allowed
      if (!known.test(r.getKey())) {
        unknown = true;
      } else if (!matches(r, labels)) {
        return Match.NO;
      }
    }
    return unknown ? Match.UNKNOWN : Match.YES;
  }

  /** Why Kubernetes makes no selector of {@code r} (its own messages), or empty when it does. */
  static Optional<String> problem(LabelSelectorRequirement r) {
    if (r.getKey() == null || r.getOperator() == null) return Optional.of("a matchExpression needs a key and an operator");
    boolean noValues = r.getValues() == null || r.getValues().isEmpty();
    return switch (r.getOperator()) {
      case "In", "NotIn" -> noValues ? Optional.of("for 'in', 'notin' operators, values set can't be empty") : Optional.empty();
      case "Exists", "DoesNotExist" -> noValues ? Optional.empty() : Optional.of("values set must be empty for exists and does not exist");
      default -> Optional.of("\"" + r.getOperator() + "\" is not a valid label selector operator");
    };
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
}

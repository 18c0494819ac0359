package io.secretgate.vault.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a policy document's top level (only {@code name} and {@code path} are allowed; the name
 * in the text is ignored, as Vault takes it from the API path) and compiles its path blocks.
 */
final class PolicyCompiler {
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("name", "path");

  private PolicyCompiler() {}

  static List<PathRule> compile(Hcl.ObjectValue document) throws PolicyParseException {
    for (Hcl.Item item : document.items()) {
      if (!TOP_LEVEL_KEYS.contains(item.name())) {
        throw new PolicyParseException(item.key().pos(), "invalid key " + Quoting.quote(item.name()));
      }
    }
    for (Hcl.Item item : document.items()) {
      if (item.name().equals("name") && !isScalar(item)) {
        throw new PolicyParseException(item.value().pos(), "name must be a string");
      }
    }
    List<PathRule> rules = new ArrayList<>();
    for (Hcl.Item item : document.items()) {
      if (item.name().equals("path")) {
        PathBlockCompiler.compile(item).ifPresent(rules::add);
      }
    }
    return rules;
  }

  private static boolean isScalar(Hcl.Item item) {
    return !item.hasLabels() && item.value() instanceof Hcl.Literal literal && literal.isStringLike();
  }
}

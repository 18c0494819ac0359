package io.secretgate.vault.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The checks Vault applies to a {@code control_group} attribute when it stores a policy (an
 * Enterprise feature, but the parser is the same): a parsable {@code ttl}, at least one
 * {@code factor}, each with an {@code identity} that names groups and needs approvals, and
 * {@code controlled_capabilities} drawn from the block's capabilities.
 */
final class ControlGroupCheck {
  private ControlGroupCheck() {}

  /**
   * Checks the control group and returns the capabilities it gates: those its factors name in
   * {@code controlled_capabilities}, or every capability when a factor names none.
   */
  static Set<Capability> check(PathBlock block, Hcl.Item item, List<String> blockCapabilities)
      throws PolicyParseException {
    if (!(item.value() instanceof Hcl.ObjectValue body)) {
      throw block.error(item.value().pos(), "control_group must be an object");
    }
    List<Hcl.Item> factors = new ArrayList<>();
    for (Hcl.Item entry : body.items()) {
      if (entry.name().equalsIgnoreCase("ttl")) {
        try {
          VaultDurations.parse(entry.value());
        } catch (IllegalArgumentException e) {
          throw block.error(entry.value().pos(), "error parsing control group max ttl: " + e.getMessage());
        }
      } else if (entry.name().equalsIgnoreCase("factor")) {
        factors.addAll(namedFactors(block, entry));
      }
    }
    if (factors.isEmpty()) {
      throw block.error(item.key().pos(), "no control group factors provided");
    }
    EnumSet<Capability> gated = EnumSet.noneOf(Capability.class);
    for (Hcl.Item factor : factors) {
      gated.addAll(checkFactor(block, factor, blockCapabilities));
    }
    return gated;
  }

  private static List<Hcl.Item> namedFactors(PathBlock block, Hcl.Item entry) throws PolicyParseException {
    if (!(entry.value() instanceof Hcl.ObjectValue value)) {
      throw block.error(entry.value().pos(), "factor must be an object");
    }
    if (entry.hasLabels()) {
      return List.of(entry);
    }
    return value.items();
  }

  /** Checks one factor and returns the capabilities it gates. */
  private static Set<Capability> checkFactor(PathBlock block, Hcl.Item factor, List<String> blockCapabilities)
      throws PolicyParseException {
    if (!(factor.value() instanceof Hcl.ObjectValue body)) {
      throw block.error(factor.value().pos(), "factor must be an object");
    }
    Hcl.ObjectValue identity = null;
    EnumSet<Capability> controlledCapabilities = EnumSet.noneOf(Capability.class);
    for (Hcl.Item entry : body.items()) {
      if (entry.name().equalsIgnoreCase("identity") && entry.value() instanceof Hcl.ObjectValue object) {
        identity = object;
      } else if (entry.name().equalsIgnoreCase("controlled_capabilities")) {
        for (Hcl.Literal controlled : block.strings(entry)) {
          if (!blockCapabilities.contains(controlled.text())) {
            throw block.error(controlled.pos(),
                "control group factor capabilities must be a subset of the policy's capabilities");
          }
          Capability.fromWireName(controlled.text()).ifPresent(controlledCapabilities::add);
        }
      }
    }
    if (identity == null) {
      throw block.error(factor.key().pos(), "no control_group factor provided");
    }
    checkIdentity(block, factor, identity);
    return controlledCapabilities.isEmpty() ? EnumSet.allOf(Capability.class) : controlledCapabilities;
  }

  private static void checkIdentity(PathBlock block, Hcl.Item factor, Hcl.ObjectValue identity)
      throws PolicyParseException {
    long approvals = 0;
    int groups = 0;
    for (Hcl.Item entry : identity.items()) {
      String name = entry.name().toLowerCase(java.util.Locale.ROOT);
      if (name.equals("group_ids") || name.equals("group_names")) {
        groups += block.strings(entry).size();
      } else if (name.equals("approvals")) {
        approvals = approvals(block, entry.value());
      }
    }
    if (approvals <= 0 || groups == 0) {
      throw block.error(factor.key().pos(), "must provide more than one identity group and approvals > 0");
    }
  }

  private static long approvals(PathBlock block, Hcl.Value value) throws PolicyParseException {
    if (value instanceof Hcl.Literal literal
        && (literal.kind() == Hcl.LiteralKind.NUMBER || literal.kind() == Hcl.LiteralKind.STRING)) {
      try {
        return Long.decode(literal.text());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw block.error(value.pos(), "approvals must be an integer");
  }
}

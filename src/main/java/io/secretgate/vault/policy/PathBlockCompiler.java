package io.secretgate.vault.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one {@code path} block into a {@link PathRule} exactly as Vault's {@code parsePaths} does:
 * strip one leading {@code /}, refuse {@code +*}, map the legacy {@code policy} value onto
 * capabilities, let {@code deny} discard everything else, then check wrapping TTLs and control
 * groups. A templated path (with {@code {{...}}}) is checked too, then dropped: an offline
 * evaluator has no identity to render it with, and Vault drops paths it cannot render.
 */
final class PathBlockCompiler {
  private PathBlockCompiler() {}

  /** A capability name and where it came from (a list entry or the legacy {@code policy}). */
  private record Named(String name, Hcl.Pos pos) {}

  static Optional<PathRule> compile(Hcl.Item item) throws PolicyParseException {
    Hcl.Key label = item.hasLabels() ? item.keys().get(1) : item.key();
    if (!(item.value() instanceof Hcl.ObjectValue body)) {
      throw new PolicyParseException(item.value().pos(), item.hasLabels()
          ? "path " + Quoting.quote(label.name()) + ": must be a block { ... }"
          : "path must be written as path \"<path>\" { ... }");
    }
    PathBlock block = PathBlock.decode(label, body);
    String pattern = label.name().startsWith("/") ? label.name().substring(1) : label.name();
    if (pattern.contains("+*")) {
      throw new PolicyParseException(
          label.pos(), "path " + Quoting.quote(pattern) + ": invalid use of wildcards ('+*' is forbidden)");
    }
    PathRule rule = rule(block, pattern);
    return isTemplated(label.name()) ? Optional.empty() : Optional.of(rule);
  }

  private static PathRule rule(PathBlock block, String pattern) throws PolicyParseException {
    List<Named> names = capabilityNames(block);
    EnumSet<Capability> granted = EnumSet.noneOf(Capability.class);
    for (Named named : names) {
      Optional<Capability> capability = Capability.fromWireName(named.name());
      if (capability.isEmpty()) {
        throw block.error(named.pos(), "invalid capability " + Quoting.quote(named.name()));
      }
      if (capability.get() == Capability.DENY) {
        // Vault stops here: later entries are not even checked, constraints are not parsed.
        return PathRule.denyOnly(pattern);
      }
      granted.add(capability.get());
    }
    Duration min = duration(block, block.minWrappingTtl, "min_wrapping_ttl");
    Duration max = duration(block, block.maxWrappingTtl, "max_wrapping_ttl");
    Set<Capability> controlGroup = block.controlGroup == null ? Set.of()
        : ControlGroupCheck.check(block, block.controlGroup, names.stream().map(Named::name).toList());
    if (!min.isZero() && !max.isZero() && max.compareTo(min) < 0) {
      throw block.error(
          block.maxWrappingTtl.pos(), "max_wrapping_ttl cannot be less than min_wrapping_ttl");
    }
    LinkedHashSet<String> required = new LinkedHashSet<>(block.requiredParameters);
    return new PathRule(pattern, RuleKind.of(pattern), granted, required, min, max, block.mfa, controlGroup);
  }

  /** The {@code capabilities} entries, then those the legacy {@code policy} value stands for. */
  private static List<Named> capabilityNames(PathBlock block) throws PolicyParseException {
    List<Named> names = new ArrayList<>();
    for (Hcl.Literal literal : block.capabilities) {
      names.add(new Named(literal.text(), literal.pos()));
    }
    Hcl.Literal policy = block.policy;
    if (policy == null || policy.text().isEmpty()) {
      return names;
    }
    List<String> implied = switch (policy.text()) {
      case "deny" -> List.of("deny");
      case "read" -> List.of("read", "list");
      case "write" -> List.of("create", "read", "update", "delete", "list");
      case "sudo" -> List.of("create", "read", "update", "delete", "list", "sudo");
      default -> throw block.error(policy.pos(), "invalid policy " + Quoting.quote(policy.text()));
    };
    if (policy.text().equals("deny")) {
      names.clear();
    }
    implied.forEach(name -> names.add(new Named(name, policy.pos())));
    return names;
  }

  private static Duration duration(PathBlock block, Hcl.Value value, String attribute)
      throws PolicyParseException {
    if (value == null) {
      return Duration.ZERO;
    }
    try {
      return VaultDurations.parse(value);
    } catch (IllegalArgumentException e) {
      throw block.error(value.pos(), "error parsing " + attribute + ": " + e.getMessage());
    }
  }

  /** Vault's ACL templating marks a path with {@code {{ ... }}}. */
  static boolean isTemplated(String path) {
    int open = path.indexOf("{{");
    return open >= 0 && path.indexOf("}}", open + 2) >= 0;
  }
}

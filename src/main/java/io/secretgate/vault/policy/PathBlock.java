package io.secretgate.vault.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The attributes of one {@code path} block, checked for their types the way HCL decodes them into
 * Vault's {@code PathRules} struct (lists of strings, maps of lists, scalars), but not yet
 * interpreted. Repeated list attributes add up; for a repeated scalar the last one counts.
 */
final class PathBlock {
  static final Set<String> KEYS = Set.of(
      "comment",
      "policy",
      "capabilities",
      "allowed_parameters",
      "denied_parameters",
      "required_parameters",
      "min_wrapping_ttl",
      "max_wrapping_ttl",
      "mfa_methods",
      "control_group",
      "subscribe_event_types");

  final Hcl.Key label;
  final List<Hcl.Literal> capabilities = new ArrayList<>();
  final List<String> requiredParameters = new ArrayList<>();
  boolean mfa;
  Hcl.Literal policy;
  Hcl.Value minWrappingTtl;
  Hcl.Value maxWrappingTtl;
  Hcl.Item controlGroup;

  private PathBlock(Hcl.Key label) {
    this.label = label;
  }

  static PathBlock decode(Hcl.Key label, Hcl.ObjectValue body) throws PolicyParseException {
    PathBlock block = new PathBlock(label);
    for (Hcl.Item item : body.items()) {
      if (!KEYS.contains(item.name())) {
        throw block.error(item.key().pos(), "invalid key " + Quoting.quote(item.name()));
      }
    }
    for (Hcl.Item item : body.items()) {
      block.decodeItem(item);
    }
    return block;
  }

  PolicyParseException error(Hcl.Pos pos, String reason) {
    return new PolicyParseException(pos, "path " + Quoting.quote(label.name()) + ": " + reason);
  }

  private void decodeItem(Hcl.Item item) throws PolicyParseException {
    switch (item.name()) {
      case "comment" -> {}
      case "policy" -> policy = scalar(item);
      case "capabilities" -> capabilities.addAll(strings(item));
      case "required_parameters" -> strings(item).forEach(s -> requiredParameters.add(s.text()));
      case "mfa_methods" -> mfa |= !strings(item).isEmpty();
      case "subscribe_event_types" -> strings(item);
      case "allowed_parameters", "denied_parameters" -> parameterMap(item);
      case "min_wrapping_ttl" -> minWrappingTtl = item.value();
      case "max_wrapping_ttl" -> maxWrappingTtl = item.value();
      case "control_group" -> controlGroup = item;
      default -> throw new IllegalStateException("unchecked key " + item.name());
    }
  }

  private Hcl.Literal scalar(Hcl.Item item) throws PolicyParseException {
    if (!item.hasLabels() && item.value() instanceof Hcl.Literal literal && literal.isStringLike()) {
      return literal;
    }
    throw error(item.value().pos(), item.name() + " must be a string");
  }

  List<Hcl.Literal> strings(Hcl.Item item) throws PolicyParseException {
    if (item.hasLabels() || !(item.value() instanceof Hcl.ListValue list)) {
      throw error(item.value().pos(), item.name() + " must be a list of strings");
    }
    List<Hcl.Literal> out = new ArrayList<>();
    for (Hcl.Value element : list.elements()) {
      if (!(element instanceof Hcl.Literal literal) || !literal.isStringLike()) {
        throw error(element.pos(), item.name() + " must be a list of strings");
      }
      out.add(literal);
    }
    return out;
  }

  private void parameterMap(Hcl.Item item) throws PolicyParseException {
    if (!(item.value() instanceof Hcl.ObjectValue map)) {
      throw error(item.value().pos(), item.name() + " must be a map of parameter names to lists");
    }
    for (Hcl.Item parameter : map.items()) {
      if (parameter.value() instanceof Hcl.Literal) {
        String name = Quoting.quote(parameter.name());
        throw error(parameter.value().pos(), item.name() + " " + name + " must be a list");
      }
    }
  }
}

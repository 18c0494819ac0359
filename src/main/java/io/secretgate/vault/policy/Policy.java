package io.secretgate.vault.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed Vault ACL policy: its (lower-cased) name and its path rules in source order, templated
 * paths already dropped. The policy named {@code root} is Vault's built-in root policy.
 */
public final class Policy {
  /** The name of Vault's built-in policy that allows everything. */
  public static final String ROOT_NAME = "root";

  private final String name;
  private final List<PathRule> rules;

  Policy(String name, List<PathRule> rules) {
    this.name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    this.rules = List.copyOf(rules);
  }

  /** Vault's root policy: no rules, grants everything. */
  public static Policy root() {
    return new Policy(ROOT_NAME, List.of());
  }

  public String name() {
    return name;
  }

  public List<PathRule> rules() {
    return rules;
  }

  public boolean isRoot() {
    return name.equals(ROOT_NAME);
  }

  @Override
  public String toString() {
    return "Policy[" + name + ", " + rules.size() + " rules]";
  }
}

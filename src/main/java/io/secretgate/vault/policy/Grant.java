package io.secretgate.vault.policy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the ACL holds for one pattern after merging every block with that exact pattern (vault/acl.go
 * {@code NewACL}): an existing deny stays deny; a new deny turns the entry into deny alone;
 * otherwise capabilities are unioned, the smaller positive wrapping TTLs kept, and required
 * parameters, MFA methods and control group factors added up.
 */
final class Grant {
  private final EnumSet<Capability> capabilities;
  private final Set<String> requiredParameters;
  private final EnumSet<Capability> controlGroup;
  private boolean mfa;
  private Duration minWrappingTtl;
  private Duration maxWrappingTtl;

  Grant(PathRule rule) {
    this.capabilities = EnumSet.noneOf(Capability.class);
    this.capabilities.addAll(rule.capabilities());
    this.requiredParameters = new LinkedHashSet<>(rule.requiredParameters());
    this.controlGroup = EnumSet.noneOf(Capability.class);
    this.controlGroup.addAll(rule.controlGroupCapabilities());
    this.mfa = rule.mfa();
    this.minWrappingTtl = rule.minWrappingTtl();
    this.maxWrappingTtl = rule.maxWrappingTtl();
  }

  void merge(PathRule rule) {
    if (isDeny()) {
      return;
    }
    if (rule.isDeny()) {
      capabilities.clear();
      capabilities.add(Capability.DENY);
      return;
    }
    capabilities.addAll(rule.capabilities());
    maxWrappingTtl = smallerPositive(maxWrappingTtl, rule.maxWrappingTtl());
    minWrappingTtl = smallerPositive(minWrappingTtl, rule.minWrappingTtl());
    requiredParameters.addAll(rule.requiredParameters());
    controlGroup.addAll(rule.controlGroupCapabilities());
    mfa |= rule.mfa();
  }

  private static Duration smallerPositive(Duration existing, Duration added) {
    boolean takeAdded = isPositive(added) && (existing.isZero() || added.compareTo(existing) < 0);
    return takeAdded ? added : existing;
  }

  private static boolean isPositive(Duration duration) {
    return duration.compareTo(Duration.ZERO) > 0;
  }

  boolean isDeny() {
    return capabilities.contains(Capability.DENY);
  }

  boolean has(Capability capability) {
    return capabilities.contains(capability);
  }

  Set<Capability> capabilities() {
    return EnumSet.copyOf(capabilities);
  }

  /** The Vault Enterprise checks on a request needing {@code operation}. */
  Set<EnterpriseGate> gates(Capability operation) {
    EnumSet<EnterpriseGate> gates = EnumSet.noneOf(EnterpriseGate.class);
    if (mfa) {
      gates.add(EnterpriseGate.MFA);
    }
    if (controlGroup.contains(operation)) {
      gates.add(EnterpriseGate.CONTROL_GROUP);
    }
    return gates;
  }

  /**
   * Whether a request without response wrapping that sends the parameters named {@code parameters}
   * gets past the constraints: Vault checks the wrapping TTLs for every operation, and for read,
   * create, update, patch and recover that the request holds each required parameter (its name
   * lower-cased, vault/acl.go).
   */
  boolean admits(Capability operation, Set<String> parameters) {
    if (isPositive(maxWrappingTtl) || isPositive(minWrappingTtl)) {
      return false;
    }
    return switch (operation) {
      case READ, CREATE, UPDATE, PATCH, RECOVER ->
          requiredParameters.stream().allMatch(p -> parameters.contains(p.toLowerCase(Locale.ROOT)));
      default -> true;
    };
  }
}

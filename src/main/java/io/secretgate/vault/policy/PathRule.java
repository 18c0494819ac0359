package io.secretgate.vault.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One compiled {@code path} block of a policy. {@code pattern} is the block's path with one
 * leading {@code /} removed. A block that lists {@code deny} holds {@code deny} alone and no
 * constraints. {@code requiredParameters} and the wrapping TTLs (zero when unset) make Vault refuse
 * a request that has no parameters or is not response-wrapped. {@code mfa} ({@code mfa_methods})
 * and {@code controlGroupCapabilities} (what its {@code control_group} gates) are the block's
 * {@link EnterpriseGate}s.
 */
public record PathRule(
    String pattern,
    RuleKind kind,
    Set<Capability> capabilities,
    Set<String> requiredParameters,
    Duration minWrappingTtl,
    Duration maxWrappingTtl,
    boolean mfa,
    Set<Capability> controlGroupCapabilities) {

  public PathRule {
    capabilities = Collections.unmodifiableSet(copy(capabilities));
    requiredParameters = Collections.unmodifiableSet(new LinkedHashSet<>(requiredParameters));
    controlGroupCapabilities = Collections.unmodifiableSet(copy(controlGroupCapabilities));
  }

  private static EnumSet<Capability> copy(Set<Capability> capabilities) {
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    caps.addAll(capabilities);
    return caps;
  }

  static PathRule denyOnly(String pattern) {
    return new PathRule(pattern, RuleKind.of(pattern), EnumSet.of(Capability.DENY), Set.of(),
        Duration.ZERO, Duration.ZERO, false, Set.of());
  }

  public boolean isDeny() {
    return capabilities.contains(Capability.DENY);
  }

  /**
   * The key under which the ACL merges this rule with identical ones: the pattern, without its
   * trailing {@code *} for a prefix rule.
   */
  String tableKey() {
    return kind == RuleKind.PREFIX ? pattern.substring(0, pattern.length() - 1) : pattern;
  }
}

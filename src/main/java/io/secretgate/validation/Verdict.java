package io.secretgate.validation;

import java.util.List;

/** The decision on one object: refused when there is any violation; warnings never refuse. */
public record Verdict(List<Violation> violations, List<String> warnings, List<VaultPathUse> vaultPaths) {
  public Verdict {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
    vaultPaths = List.copyOf(vaultPaths);
  }

  public boolean allowed() {
    return violations.isEmpty();
  }
}

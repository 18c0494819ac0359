package io.secretgate.admission;

import java.util.Objects;

/**
 * How the validating webhook enforces verdicts.
 *
 * @param global enforcement for namespaces without a valid {@code secretgate.io/enforcement} label
 * @param onVaultUnavailable what to do when Vault cannot be asked about a store's token
 */
public record AdmissionSettings(Enforcement global, VaultUnavailablePolicy onVaultUnavailable) {
  /** {@code deny} violations; {@code warn} when Vault cannot be asked. */
  public static final AdmissionSettings DEFAULTS = new AdmissionSettings(Enforcement.DENY, VaultUnavailablePolicy.WARN);

  public AdmissionSettings {
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(onVaultUnavailable, "onVaultUnavailable");
  }
}

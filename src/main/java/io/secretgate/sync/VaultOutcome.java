package io.secretgate.sync;

import java.util.Locale;

/** How one Vault request ended, as the metrics count it. */
public enum VaultOutcome {
  SUCCESS, NOT_FOUND, PERMISSION_DENIED, UNAVAILABLE, RATE_LIMITED, ERROR;

  /** The {@code outcome} label of our own Vault metrics: {@code not_found}, {@code rate_limited}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code status} label of ESO's {@code externalsecret_provider_api_calls_count}: ESO's Vault
   * client reads a 404 as "no secret" without an error, so only failures count as {@code error}.
   */
  public String esoStatus() {
    return this == SUCCESS || this == NOT_FOUND ? "success" : "error";
  }
}

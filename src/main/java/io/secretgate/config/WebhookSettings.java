package io.secretgate.config;

import java.util.Optional;

/**
 * The admission webhooks, served over HTTPS on {@code port}.
 *
 * @param tlsCertFile the PEM certificate chain to serve (required when a webhook is on)
 * @param tlsKeyFile the PEM private key of that chain
 * @param enforcement {@code deny} or {@code warn}, the validating webhook's global enforcement
 * @param onVaultUnavailable {@code warn} or {@code deny}: what to do when Vault cannot be asked
 * @param certs where the serving certificate comes from (files, or self-managed in a Secret)
 */
public record WebhookSettings(
    boolean validating,
    boolean mutating,
    int port,
    Optional<String> tlsCertFile,
    Optional<String> tlsKeyFile,
    Enforcement enforcement,
    OnVaultUnavailable onVaultUnavailable,
    CertSettings certs) {

  /** Global enforcement of the validating webhook, as written in {@code --enforcement}. */
  public enum Enforcement { DENY, WARN }

  /** As written in {@code --on-vault-unavailable}. */
  public enum OnVaultUnavailable { WARN, DENY }

  /** Off, on the default port, with the default settings and no certificate files. */
  public WebhookSettings(boolean validating, boolean mutating, int port) {
    this(validating, mutating, port, Optional.empty(), Optional.empty(), Enforcement.DENY, OnVaultUnavailable.WARN);
  }

  /** With certificate files ({@link CertSettings#defaults()}). */
  public WebhookSettings(boolean validating, boolean mutating, int port, Optional<String> tlsCertFile, Optional<String> tlsKeyFile,
      Enforcement enforcement, OnVaultUnavailable onVaultUnavailable) {
    this(validating, mutating, port, tlsCertFile, tlsKeyFile, enforcement, onVaultUnavailable, CertSettings.defaults());
  }

  public boolean anyEnabled() {
    return validating || mutating;
  }
}

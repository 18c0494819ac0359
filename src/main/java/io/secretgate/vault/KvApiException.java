package io.secretgate.vault;

import io.secretgate.secrets.SecretSourceException;
import java.time.Duration;
import java.util.Optional;

/**
 * A Vault call failed (other than a plain 404). The message is what Vault's Go client would say
 * (e.g. {@code Error making API request. ... Code: 403. Errors: * permission denied}) and never
 * holds a token or a secret value.
 */
public class KvApiException extends Exception {
  private final SecretSourceException.Reason reason;
  private final boolean rateLimited;
  private final Duration retryAfter;

  public KvApiException(SecretSourceException.Reason reason, String message) {
    this(reason, message, false, Optional.empty());
  }

  /** A failure that may be Vault's 429 ({@code rateLimited}), with the wait its {@code Retry-After} asked for. */
  public KvApiException(SecretSourceException.Reason reason, String message, boolean rateLimited, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.reason = reason;
    this.rateLimited = rateLimited;
    this.retryAfter = retryAfter.orElse(null);
  }

  /** Whether Vault refused the call with 429 (a rate-limit or lease-count quota). */
  public boolean rateLimited() {
    return rateLimited;
  }

  /** How long Vault asked us to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public SecretSourceException.Reason reason() {
    return reason;
  }
}

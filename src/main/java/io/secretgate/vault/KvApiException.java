package io.secretgate.vault;

import io.secretgate.secrets.SecretSourceException;

/**
 * A Vault call failed (other than a plain 404). The message is what Vault's Go client would say
 * (e.g. {@code Error making API request. ... Code: 403. Errors: * permission denied}) and never
 * holds a token or a secret value.
 */
public class KvApiException extends Exception {
  private final SecretSourceException.Reason reason;

  public KvApiException(SecretSourceException.Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public SecretSourceException.Reason reason() {
    return reason;
  }
}

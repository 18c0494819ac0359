package io.secretgate.secrets;

/**
 * ESO's {@code NoSecretError}: the secret does not exist at the provider. Only this error lets
 * {@code deletionPolicy: Delete|Merge} skip an entry; every other error fails the sync.
 */
public final class NoSecretException extends SecretSourceException {
  public static final String MESSAGE = "Secret does not exist";

  public NoSecretException() {
    super(Reason.NOT_FOUND, MESSAGE);
  }
}

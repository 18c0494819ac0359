package io.secretgate.secrets;

/**
 * A {@link SecretSource} could not answer. The message is ESO's text for the same situation (for
 * Vault e.g. {@code cannot read secret data from Vault: ...}) and never contains secret values;
 * {@link #reason()} is what callers branch on.
 */
public class SecretSourceException extends Exception {
  /** Why the source failed; the controller maps it to a retry decision. */
  public enum Reason {
    /** The secret (or its metadata, or a folder) does not exist. */
    NOT_FOUND,
    /** The source refused (e.g. Vault 403). */
    PERMISSION_DENIED,
    /** The source could not be reached or is not ready (network, sealed, 5xx). */
    UNAVAILABLE,
    /** The source answered with something ESO cannot use (e.g. a KV v2 read without a data field). */
    INVALID_RESPONSE,
    /** The request cannot be made as specified (e.g. metadata on KV v1, an unmappable path). */
    INVALID_REQUEST,
    /** Anything else. */
    OTHER
  }

  private final Reason reason;

  public SecretSourceException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

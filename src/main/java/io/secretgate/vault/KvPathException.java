package io.secretgate.vault;

/** A key that ESO's Vault provider cannot map to a path; the message is ESO's own text. */
public class KvPathException extends RuntimeException {
  public KvPathException(String message) {
    super(message);
  }
}

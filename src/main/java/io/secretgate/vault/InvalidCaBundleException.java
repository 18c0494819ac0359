package io.secretgate.vault;

/** A store's CA bundle that holds no usable certificate; a configuration error, not a Vault failure. */
public class InvalidCaBundleException extends InvalidConnectionException {
  private static final long serialVersionUID = 1L;

  public InvalidCaBundleException(String message) {
    super(message);
  }
}

package io.secretgate.vault;

/**
 * Settings of a store that cannot make a Vault client (a server that is not an http(s) address, a
 * CA bundle without a usable certificate); a configuration error, not a Vault failure. The message
 * names the setting, never a token.
 */
public class InvalidConnectionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidConnectionException(String message) {
    super(message);
  }
}

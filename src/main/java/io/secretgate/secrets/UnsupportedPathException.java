package io.secretgate.secrets;

/**
 * A {@code remoteRef.property} uses gjson syntax outside the subset secretgate evaluates. The
 * message names the construct; it never guesses a value.
 */
public final class UnsupportedPathException extends Exception {
  public UnsupportedPathException(String construct) {
    super(construct, null, false, false);
  }
}

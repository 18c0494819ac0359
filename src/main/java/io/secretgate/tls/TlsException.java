package io.secretgate.tls;

/**
 * Certificate material that cannot be used: unparsable PEM, a key that does not belong to its
 * certificate, a certificate that is not a CA where one is needed. The message names the source
 * (usually a file) and what was expected there, and never holds key material, not even in part.
 */
public class TlsException extends RuntimeException {
  public TlsException(String message) {
    super(message);
  }
}

package io.secretgate.certs;

/** The certificate Secret's content cannot be used (missing key, unparsable PEM, key and certificate apart). Never holds key bytes. */
public final class UnusableCertificates extends RuntimeException {
  public UnusableCertificates(String message) {
    super(message, null, false, false);
  }
}

package io.secretgate.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small read-only views of an X.509 certificate, for messages and checks. */
final class Certificates {
  static final int DNS_NAME = 2;
  static final int IP_ADDRESS = 7;

  private Certificates() {}

  /** Subject, serial and validity window: enough to tell certificates apart in a message. */
  static String describe(X509Certificate cert) {
    return "'" + cert.getSubjectX500Principal().getName() + "' (serial " + cert.getSerialNumber().toString(16)
        + ", valid " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")";
  }

  /** The DNS names in the subjectAltName extension, in certificate order. */
  static List<String> dnsNames(X509Certificate cert) {
    List<String> dns = new ArrayList<>();
    for (List<?> name : altNames(cert)) {
      if (name.size() >= 2 && name.get(0) instanceof Integer type && type == DNS_NAME && name.get(1) instanceof String value) {
        dns.add(value);
      }
    }
    return dns;
  }

  /** The subjectAltName entries ([type, value] each), empty without the extension. */
  static Collection<List<?>> altNames(X509Certificate cert) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      return names == null ? List.of() : names;
    } catch (CertificateParsingException e) {
      throw new TlsException("the subjectAltName extension of " + describe(cert) + " cannot be parsed");
    }
  }

  /** Whether the certificate is a CA (basicConstraints cA=true). */
  static boolean isCa(X509Certificate cert) {
    return cert.getBasicConstraints() >= 0;
  }
}

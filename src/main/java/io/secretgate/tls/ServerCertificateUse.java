package io.secretgate.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Whether a certificate can serve a webhook to kube-apiserver at all, whoever issued it (files from
 * cert-manager or by hand): Go's TLS client checks only the subjectAltName (never the Common Name,
 * since Go 1.15) and, when the certificate lists extended key usages, requires server auth. A
 * certificate failing either is refused on every call, so it is refused here, with what to change.
 */
public final class ServerCertificateUse {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private ServerCertificateUse() {}

  /** @throws TlsException naming {@code source} and the fix, when kube-apiserver would refuse {@code cert} */
  public static void check(X509Certificate cert, String source) {
    if (!hasSubjectAltName(cert)) {
      throw new TlsException(source + ": the certificate " + Certificates.describe(cert) + " has no subjectAltName DNS name or IP address;"
          + " kube-apiserver checks only those (the Common Name is ignored), so it would refuse every call:"
          + " issue it with the webhook Service's DNS names (e.g. <service>.<namespace>.svc)");
    }
    List<String> usages = extendedKeyUsages(cert, source);
    if (usages != null && !usages.contains(SERVER_AUTH) && !usages.contains(ANY_USAGE)) {
      throw new TlsException(source + ": the certificate " + Certificates.describe(cert) + " lists extended key usages without server auth"
          + " (TLS Web Server Authentication), so kube-apiserver would refuse it: issue it for server auth (cert-manager: usages: [server auth])");
    }
  }

  private static boolean hasSubjectAltName(X509Certificate cert) {
    return Certificates.altNames(cert).stream()
        .anyMatch(n -> n.size() >= 2 && n.get(0) instanceof Integer type && (type == Certificates.DNS_NAME || type == Certificates.IP_ADDRESS));
  }

  private static List<String> extendedKeyUsages(X509Certificate cert, String source) {
    try {
      return cert.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new TlsException(source + ": the extended key usage extension of " + Certificates.describe(cert) + " cannot be parsed");
    }
  }
}

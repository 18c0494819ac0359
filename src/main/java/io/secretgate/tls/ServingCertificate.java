package io.secretgate.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Issues a webhook's serving certificate (the leaf): a fresh EC P-256 key, basicConstraints
 * {@code CA:false} (critical), keyUsage {@code digitalSignature} (critical), extendedKeyUsage
 * {@code serverAuth}, the DNS names as subjectAltName, subject and authority key identifiers. The
 * kube-apiserver checks the DNS SAN {@code <svc>.<ns>.svc} and ignores the commonName, which holds
 * the first name that fits in 64 characters (none, and the SAN extension is critical, when no name
 * fits, as RFC 5280 asks for an empty subject).
 */
public final class ServingCertificate {
  private ServingCertificate() {}

  /**
   * Issues a leaf for {@code dnsNames} signed by {@code ca}, valid from {@code notBefore} (cut to
   * whole seconds) for {@code validity}, and returns it as key material with the chain [leaf, CA].
   *
   * @throws IllegalArgumentException for no names, a name that is not a DNS name, a validity under
   *     a second, or a leaf that would outlive its CA
   */
  public static KeyMaterial issue(CertificateAuthority ca, List<String> dnsNames, Instant notBefore, Duration validity) {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(notBefore, "notBefore");
    List<String> names = checkedNames(dnsNames);
    Instant from = X509Builder.seconds(notBefore);
    Instant until = X509Builder.notAfter(from, validity);
    X509Certificate caCert = ca.certificate();
    if (until.isAfter(caCert.getNotAfter().toInstant())) {
      throw new IllegalArgumentException("the serving certificate would be valid until " + until + ", after its CA "
          + Certificates.describe(caCert) + " expires; issue a shorter certificate or rotate the CA first");
    }
    KeyPair keys = X509Builder.newEcKeyPair();
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    String commonName = names.stream().filter(n -> n.length() <= CertificateAuthority.MAX_COMMON_NAME).findFirst().orElse(null);
    if (commonName != null) subject.addRDN(BCStyle.CN, commonName);
    X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
    GeneralName[] sans = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
    X509Certificate leaf = X509Builder.of(issuer, subject.build(), keys.getPublic(), from, until)
        .extension(Extension.basicConstraints, true, new BasicConstraints(false))
        .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .extension(Extension.subjectAlternativeName, commonName == null, new GeneralNames(sans))
        .subjectKeyIdentifier(keys.getPublic())
        .authorityKeyIdentifier(caCert)
        .sign(ca.keyMaterial().privateKey());
    return new KeyMaterial(keys.getPrivate(), List.of(leaf, caCert));
  }

  private static List<String> checkedNames(List<String> dnsNames) {
    if (dnsNames == null || dnsNames.isEmpty()) {
      throw new IllegalArgumentException("a serving certificate needs at least one DNS name");
    }
    List<String> names = new ArrayList<>();
    for (String name : dnsNames) {
      if (!DnsNames.isDnsName(name, true)) {
        throw new IllegalArgumentException("'" + name + "' is not a DNS name (lower-case labels of letters, digits and '-',"
            + " at most 63 characters each and 253 in all; '*.' only as the first label)");
      }
      if (!names.contains(name)) names.add(name);
    }
    return List.copyOf(names);
  }
}

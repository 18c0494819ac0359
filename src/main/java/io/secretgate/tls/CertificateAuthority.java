package io.secretgate.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A self-signed CA that issues the webhooks' serving certificates: EC P-256, SHA256withECDSA,
 * basicConstraints {@code CA:true, pathLen:0} (critical), keyUsage {@code keyCertSign, cRLSign}
 * (critical) and a subjectKeyIdentifier. Its certificate is what goes into a webhook's
 * {@code caBundle}; its key signs leaves and never leaves the generator (or the Secret the
 * certificate controller keeps it in). {@link #toString()} never shows the key.
 */
public final class CertificateAuthority {
  /** RFC 5280's upper bound for a commonName. */
  static final int MAX_COMMON_NAME = 64;
  private static final int KEY_CERT_SIGN = 5;

  private final KeyMaterial material;

  private CertificateAuthority(KeyMaterial material) {
    this.material = material;
  }

  /**
   * Generates a new CA key and self-signed certificate valid from {@code notBefore} (cut to whole
   * seconds) for {@code validity}.
   *
   * @throws IllegalArgumentException for a blank or over-long common name or a validity under a second
   */
  public static CertificateAuthority generate(String commonName, Instant notBefore, Duration validity) {
    Objects.requireNonNull(notBefore, "notBefore");
    if (commonName == null || commonName.isBlank() || commonName.length() > MAX_COMMON_NAME) {
      throw new IllegalArgumentException("a CA common name needs 1 to " + MAX_COMMON_NAME + " characters, got '" + commonName + "'");
    }
    Instant from = X509Builder.seconds(notBefore);
    Instant until = X509Builder.notAfter(from, validity);
    KeyPair keys = X509Builder.newEcKeyPair();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    X509Certificate cert = X509Builder.of(name, name, keys.getPublic(), from, until)
        .extension(Extension.basicConstraints, true, new BasicConstraints(0))
        .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .subjectKeyIdentifier(keys.getPublic())
        .sign(keys.getPrivate());
    return new CertificateAuthority(new KeyMaterial(keys.getPrivate(), List.of(cert)));
  }

  /**
   * A CA loaded back from its key and certificate (e.g. {@code ca.key} and {@code ca.crt} from the
   * Secret the certificate controller keeps them in).
   *
   * @throws TlsException when the certificate is not a CA or may not sign certificates
   */
  public static CertificateAuthority of(KeyMaterial material) {
    X509Certificate cert = material.certificate();
    if (!Certificates.isCa(cert)) {
      throw new TlsException("the certificate " + Certificates.describe(cert) + " is not a CA (basicConstraints cA is not true)");
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
      throw new TlsException("the CA certificate " + Certificates.describe(cert) + " may not sign certificates (no keyCertSign key usage)");
    }
    return new CertificateAuthority(material);
  }

  /** The CA certificate: what a client trusts and what goes into {@code caBundle}. */
  public X509Certificate certificate() {
    return material.certificate();
  }

  /** The CA key with its certificate, to store or to sign with. */
  public KeyMaterial keyMaterial() {
    return material;
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + Certificates.describe(certificate()) + "]";
  }
}

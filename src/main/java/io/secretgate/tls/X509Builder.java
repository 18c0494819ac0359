package io.secretgate.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The parts of certificate generation shared by the CA and the serving certificate: EC P-256 keys,
 * random serials, second-precision validity windows, SKI/AKI, and signing with the JDK's providers
 * through BouncyCastle's builders (no BouncyCastle provider needs registering).
 */
final class X509Builder {
  private final X509v3CertificateBuilder builder;
  private final JcaX509ExtensionUtils extensions;

  private X509Builder(X500Name issuer, X500Name subject, PublicKey publicKey, Instant notBefore, Instant notAfter) {
    this.builder = new X509v3CertificateBuilder(issuer, serial(), Date.from(notBefore), Date.from(notAfter), subject,
        SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()));
    try {
      this.extensions = new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 for key identifiers is not available in this JDK", e);
    }
  }

  static X509Builder of(X500Name issuer, X500Name subject, PublicKey publicKey, Instant notBefore, Instant notAfter) {
    return new X509Builder(issuer, subject, publicKey, notBefore, notAfter);
  }

  /** A fresh EC key pair on P-256 (secp256r1), from the JDK's provider. */
  static KeyPair newEcKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 key generation is not available in this JDK", e);
    }
  }

  /** X.509 carries whole seconds; we cut before signing so that what we compute is what we encode. */
  static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }

  static Instant notAfter(Instant notBefore, Duration validity) {
    if (validity == null || validity.getSeconds() < 1) {
      throw new IllegalArgumentException("validity must be at least one second, got " + validity);
    }
    return notBefore.plus(validity);
  }

  X509Builder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode certificate extension " + oid, e);
    }
    return this;
  }

  X509Builder subjectKeyIdentifier(PublicKey publicKey) {
    return extension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
  }

  /**
   * The issuer's key identifier only (no issuer name and serial, which would tie the leaf to one
   * issuance of the CA certificate): the issuer's own subjectKeyIdentifier when it has one, so that
   * a CA made elsewhere with another key-id method still matches.
   */
  X509Builder authorityKeyIdentifier(X509Certificate issuer) {
    byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    AuthorityKeyIdentifier aki;
    if (ski == null) {
      aki = extensions.createAuthorityKeyIdentifier(issuer.getPublicKey());
    } else {
      try {
        aki = new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ski)).getKeyIdentifier());
      } catch (IOException | RuntimeException e) {
        throw new TlsException("the subjectKeyIdentifier of the issuer " + Certificates.describe(issuer) + " cannot be parsed");
      }
    }
    return extension(Extension.authorityKeyIdentifier, false, aki);
  }

  /** Signs with SHA-256 and the issuer's key type (ECDSA or RSA), and converts to a JDK certificate. */
  X509Certificate sign(PrivateKey issuerKey) {
    String algorithm = switch (issuerKey.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new TlsException("cannot sign with a " + issuerKey.getAlgorithm() + " key (EC or RSA expected)");
    };
    try {
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
      X509CertificateHolder holder = builder.build(signer);
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("signing a certificate with " + algorithm + " failed", e);
    }
  }

  private static BigInteger serial() {
    // 127 random bits, positive and never zero: unique enough, within RFC 5280's 20 octets.
    return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
  }
}

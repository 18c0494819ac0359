package io.secretgate.tls;

import io.secretgate.tls.PemBlocks.Block;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PEM reading and writing for certificates and private keys.
 *
 * <p>Certificates: one or several concatenated {@code CERTIFICATE} blocks (a {@code tls.crt} chain or
 * a {@code caBundle}); text between blocks is ignored and private key blocks are skipped, so a
 * combined key+chain file reads too. Private keys: {@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE
 * KEY} (SEC 1, optionally after an {@code EC PARAMETERS} block) and {@code RSA PRIVATE KEY} (PKCS#1),
 * EC or RSA, as cert-manager and OpenSSL write them; encrypted keys are refused. We write
 * certificates as {@code CERTIFICATE} blocks and keys as unencrypted PKCS#8 {@code PRIVATE KEY}.
 *
 * <p>Every failure to parse is a {@link TlsException} naming the source (a file name, or what the caller
 * passes as {@code source}), the line of the block, and what was expected there. Messages never
 * quote the input. A file that cannot be read is the {@link IOException} itself: this package
 * imports nothing to put it in words, so the caller that names the file says why.
 */
public final class Pem {
  private static final String CERTIFICATE = "CERTIFICATE";
  private static final Set<String> CERTIFICATE_TYPES = Set.of(CERTIFICATE, "X509 CERTIFICATE");
  private static final String PKCS8 = "PRIVATE KEY";
  private static final String SEC1 = "EC PRIVATE KEY";
  private static final String PKCS1 = "RSA PRIVATE KEY";
  private static final String EC_PARAMETERS = "EC PARAMETERS";
  private static final Set<String> KEY_TYPES = Set.of(PKCS8, SEC1, PKCS1, "ENCRYPTED PRIVATE KEY");
  private static final String EXPECTED_CERTS = "one or more PEM certificates (-----BEGIN CERTIFICATE-----)";
  private static final String EXPECTED_KEY = "one PEM private key (-----BEGIN PRIVATE KEY-----, EC PRIVATE KEY or RSA PRIVATE KEY)";

  private Pem() {}

  // ---- writing

  /** One {@code CERTIFICATE} block. */
  public static String writeCertificate(X509Certificate certificate) {
    try {
      return block(CERTIFICATE, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new TlsException("the certificate " + Certificates.describe(certificate) + " cannot be encoded");
    }
  }

  /** Concatenated {@code CERTIFICATE} blocks in list order: a chain or a caBundle. */
  public static String writeCertificates(List<X509Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : certificates) out.append(writeCertificate(c));
    return out.toString();
  }

  /** An unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  public static String writePrivateKey(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
      throw new TlsException("the " + key.getAlgorithm() + " private key has no PKCS#8 encoding (a hardware or non-extractable key?)");
    }
    return block(PKCS8, encoded);
  }

  private static String block(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  // ---- reading certificates

  /**
   * The certificates in a PEM file, in file order.
   *
   * @throws IOException when the file cannot be read: the caller names why, in words (see {@code manifest.ReadFailure})
   */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    return readCertificates(readText(file), file.toString());
  }

  /**
   * The certificates in PEM text, in order.
   *
   * @param source names the text in messages, e.g. a file name or "Secret ns/name key tls.crt"
   */
  public static List<X509Certificate> readCertificates(String pem, String source) {
    List<X509Certificate> certs = new ArrayList<>();
    List<Block> blocks = PemBlocks.parse(pem, source);
    for (Block b : blocks) {
      if (CERTIFICATE_TYPES.contains(b.type())) {
        certs.add(certificate(b, source));
      } else if (!KEY_TYPES.contains(b.type()) && !b.type().equals(EC_PARAMETERS)) {
        throw new TlsException(b.where(source) + ": expected " + EXPECTED_CERTS + ", found a " + b.type() + " block");
      }
    }
    if (certs.isEmpty()) throw new TlsException(source + ": expected " + EXPECTED_CERTS + ", found " + found(blocks));
    return List.copyOf(certs);
  }

  private static X509Certificate certificate(Block b, String source) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der()));
    } catch (CertificateException | ClassCastException e) {
      throw new TlsException(b.where(source) + ": the " + b.type() + " block is not a valid X.509 certificate");
    }
  }

  // ---- reading private keys

  /**
   * The one private key in a PEM file.
   *
   * @throws IOException when the file cannot be read
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    return readPrivateKey(readText(file), file.toString());
  }

  /**
   * The one private key in PEM text; certificate blocks beside it are skipped.
   *
   * @param source names the text in messages, e.g. a file name or "Secret ns/name key tls.key"
   */
  public static PrivateKey readPrivateKey(String pem, String source) {
    List<Block> blocks = PemBlocks.parse(pem, source);
    List<Block> keys = blocks.stream().filter(b -> KEY_TYPES.contains(b.type())).toList();
    if (keys.isEmpty()) throw new TlsException(source + ": expected " + EXPECTED_KEY + ", found " + found(blocks));
    if (keys.size() > 1) throw new TlsException(source + ": expected " + EXPECTED_KEY + ", found " + keys.size() + " private keys");
    Block key = keys.get(0);
    if (key.encrypted()) {
      throw new TlsException(key.where(source) + ": the private key is encrypted; secretgate reads unencrypted keys only"
          + " (decrypt it with: openssl pkey -in KEY -out KEY.pem)");
    }
    ASN1ObjectIdentifier ecParameters = blocks.stream().filter(b -> b.type().equals(EC_PARAMETERS)).findFirst()
        .map(b -> curve(b, source)).orElse(null);
    PrivateKeyInfo info = switch (key.type()) {
      case PKCS8 -> parse(key, source, "PKCS#8", () -> PrivateKeyInfo.getInstance(key.der()));
      case SEC1 -> parse(key, source, "SEC 1 EC", () -> fromSec1(key, source, ecParameters));
      case PKCS1 -> parse(key, source, "PKCS#1 RSA", () -> new PrivateKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), RSAPrivateKey.getInstance(key.der())));
      default -> throw new IllegalStateException("unreachable: " + key.type());
    };
    return toJdkKey(info, key, source);
  }

  /**
   * Reads a certificate chain and its private key, checking that they belong together.
   *
   * @throws IOException when a file cannot be read
   */
  public static KeyMaterial readKeyMaterial(Path certificateFile, Path keyFile) throws IOException {
    return readKeyMaterial(readText(certificateFile), certificateFile.toString(), readText(keyFile), keyFile.toString());
  }

  /** Reads a certificate chain and its private key from PEM text, checking that they belong together. */
  public static KeyMaterial readKeyMaterial(String certificatePem, String certificateSource, String keyPem, String keySource) {
    List<X509Certificate> chain = readCertificates(certificatePem, certificateSource);
    PrivateKey key = readPrivateKey(keyPem, keySource);
    try {
      return new KeyMaterial(key, chain);
    } catch (TlsException e) {
      throw new TlsException(keySource + " and " + certificateSource + ": " + e.getMessage());
    }
  }

  private interface Asn1Parse {
    PrivateKeyInfo parse() throws Exception;
  }

  private static PrivateKeyInfo parse(Block key, String source, String kind, Asn1Parse parse) {
    try {
      return parse.parse();
    } catch (TlsException e) {
      throw e;
    } catch (Exception e) {
      // BouncyCastle's ASN.1 errors are dropped, not chained: they may quote the bytes they choke on.
      throw new TlsException(key.where(source) + ": the " + key.type() + " block is not a valid " + kind + " private key");
    }
  }

  private static PrivateKeyInfo fromSec1(Block key, String source, ASN1ObjectIdentifier separateCurve) throws IOException {
    ECPrivateKey ec = ECPrivateKey.getInstance(key.der());
    ASN1Encodable curve = ec.getParametersObject();
    if (curve == null) curve = separateCurve;
    if (curve == null) {
      throw new TlsException(key.where(source) + ": the EC PRIVATE KEY names no curve and there is no EC PARAMETERS block");
    }
    return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
  }

  private static ASN1ObjectIdentifier curve(Block b, String source) {
    try {
      return ASN1ObjectIdentifier.getInstance(b.der());
    } catch (RuntimeException e) {
      throw new TlsException(b.where(source) + ": the EC PARAMETERS block does not name a curve");
    }
  }

  private static PrivateKey toJdkKey(PrivateKeyInfo info, Block key, String source) {
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    String jdkName;
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      jdkName = "EC";
    } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      jdkName = "RSA";
    } else {
      throw new TlsException(key.where(source) + ": private keys of algorithm " + algorithm.getId()
          + " are not supported (EC or RSA expected)");
    }
    try {
      return KeyFactory.getInstance(jdkName).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new TlsException(key.where(source) + ": the " + key.type() + " block is not a valid or supported " + jdkName
          + " private key");
    }
  }

  // ---- shared

  /**
   * A PEM file's text, as every reader here takes it: ISO-8859-1 maps every byte, so a binary file
   * (DER) reaches the PEM parser and gets its message.
   *
   * @throws IOException when the file cannot be read
   */
  public static String readText(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }

  private static String found(List<Block> blocks) {
    if (blocks.isEmpty()) return "no PEM block";
    return String.join(", ", blocks.stream().map(Block::type).distinct().map(t -> t + " block").toList());
  }
}

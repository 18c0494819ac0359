package io.secretgate.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain it serves: {@code chain.get(0)} is the certificate of
 * {@code privateKey}, followed by its issuers (for our serving certificates: [leaf, CA]).
 *
 * <p>Construction checks that the key belongs to the first certificate (by signing and verifying a
 * probe), so a {@code tls.key} read from a different rotation than its {@code tls.crt} is refused
 * instead of failing every handshake later. {@link #toString()} never shows the key.
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
  private static final byte[] PROBE = "secretgate key/certificate pairing probe".getBytes(StandardCharsets.US_ASCII);

  public KeyMaterial {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(chain, "chain");
    if (chain.isEmpty()) throw new TlsException("a certificate chain needs at least one certificate");
    chain = List.copyOf(chain);
    if (!belongTogether(privateKey, chain.get(0).getPublicKey())) {
      throw new TlsException("the private key (" + privateKey.getAlgorithm() + ") does not belong to the certificate "
          + Certificates.describe(chain.get(0)));
    }
  }

  /** The certificate the private key belongs to (the leaf for a serving certificate). */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The earliest notAfter in the chain: after it, the chain as served no longer verifies. */
  public Instant notAfter() {
    return chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
  }

  /** The latest notBefore in the chain: before it, the chain as served does not verify yet. */
  public Instant notBefore() {
    return chain.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
  }

  @Override
  public String toString() {
    return "KeyMaterial[key=" + privateKey.getAlgorithm() + ", chain="
        + chain.stream().map(Certificates::describe).toList() + "]";
  }

  private static boolean belongTogether(PrivateKey key, PublicKey pub) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> throw new TlsException("private keys of type " + key.getAlgorithm() + " are not supported (EC or RSA expected)");
    };
    if (!key.getAlgorithm().equals(pub.getAlgorithm())) return false;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}

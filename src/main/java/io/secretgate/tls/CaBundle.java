package io.secretgate.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A webhook's {@code caBundle}: the CAs kube-apiserver trusts for it. Rotation overlaps CAs: publish
 * old and new CA together, then switch the serving certificate to the new CA, and drop the old CA
 * when it expires (webhook-facts.md §1.6). {@link #merge} is that step: idempotent, so a
 * controller can compare its result with what is installed and patch only on a difference.
 */
public final class CaBundle {
  private CaBundle() {}

  /**
   * The CAs of {@code existing} followed by those of {@code added}, each certificate once (by its
   * DER encoding), without those expired at {@code now}. Not-yet-valid CAs are kept: a new CA may be
   * published before it starts. Order is stable, so merging the same inputs again gives the same list.
   */
  public static List<X509Certificate> merge(List<X509Certificate> existing, List<X509Certificate> added, Instant now) {
    Objects.requireNonNull(now, "now");
    List<X509Certificate> merged = new ArrayList<>();
    List<byte[]> seen = new ArrayList<>();
    for (List<X509Certificate> part : List.of(existing, added)) {
      for (X509Certificate cert : part) {
        if (now.isAfter(cert.getNotAfter().toInstant())) continue;
        byte[] der = der(cert);
        if (seen.stream().anyMatch(s -> Arrays.equals(s, der))) continue;
        seen.add(der);
        merged.add(cert);
      }
    }
    return List.copyOf(merged);
  }

  /**
   * {@link #merge(List, List, Instant)} on PEM text; a blank {@code existingPem} (a configuration
   * without a caBundle yet) counts as no CA.
   */
  public static String merge(String existingPem, String addedPem, Instant now) {
    List<X509Certificate> existing = existingPem == null || existingPem.isBlank()
        ? List.of() : Pem.readCertificates(existingPem, "the existing caBundle");
    List<X509Certificate> added = Pem.readCertificates(addedPem, "the added CA");
    return Pem.writeCertificates(merge(existing, added, now));
  }

  /** The value of a {@code clientConfig.caBundle} field in YAML/JSON: the PEM text, base64-encoded. */
  public static String toFieldValue(List<X509Certificate> cas) {
    return Base64.getEncoder().encodeToString(Pem.writeCertificates(cas).getBytes(StandardCharsets.US_ASCII));
  }

  /** The CAs in a {@code clientConfig.caBundle} field value (base64 of PEM). */
  public static List<X509Certificate> fromFieldValue(String base64, String source) {
    byte[] pem;
    try {
      pem = Base64.getDecoder().decode(base64 == null ? "" : base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new TlsException(source + ": expected base64-encoded PEM certificates, found text that is not base64");
    }
    return Pem.readCertificates(new String(pem, StandardCharsets.ISO_8859_1), source);
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new TlsException("the certificate " + Certificates.describe(cert) + " cannot be encoded");
    }
  }
}

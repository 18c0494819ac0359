package io.secretgate.certs;

import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the certificate Secret holds: the CA that signs the serving certificate, the serving
 * certificate, the CAs published in {@code caBundle}, and during a CA rotation the next CA (staged,
 * published, not signing yet) or the moment the serving certificate switched to a new CA.
 *
 * @param ca the CA that signed {@code serving}
 * @param serving the serving key and chain [leaf, ca]
 * @param bundle every CA to publish in {@code caBundle} (always includes {@code ca}, and {@code next} when staged)
 * @param next the next CA while it is staged: in the bundle, not signing yet
 * @param stagedAt since when every webhook trusts {@code next} (set when it is staged; empty after a
 *     webhook was found without it, until it is found trusted everywhere again)
 * @param switchedAt when the serving certificate last switched to a new CA (while the old one is still in the bundle)
 */
public record CertState(
    CertificateAuthority ca, KeyMaterial serving, List<X509Certificate> bundle,
    Optional<CertificateAuthority> next, Optional<Instant> stagedAt, Optional<Instant> switchedAt) {
  public CertState {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(serving, "serving");
    bundle = List.copyOf(bundle);
  }

  /** A state with only one CA: published alone, no rotation under way. */
  public static CertState single(CertificateAuthority ca, KeyMaterial serving) {
    return new CertState(ca, serving, List.of(ca.certificate()), Optional.empty(), Optional.empty(), Optional.empty());
  }
}

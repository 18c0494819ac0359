package io.secretgate.certs;

import io.secretgate.tls.CertificateAuthority;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.Pem;
import io.secretgate.tls.TlsException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of the certificate Secret: PEM text under the keys below (a {@code kubernetes.io/tls}
 * Secret, so {@code tls.crt}/{@code tls.key} can be mounted as usual) and the rotation's moments in
 * annotations.
 */
public final class CertSecretFormat {
  public static final String TLS_CRT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CRT = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String CA_BUNDLE = "ca-bundle.crt";
  public static final String NEXT_CA_CRT = "next-ca.crt";
  public static final String NEXT_CA_KEY = "next-ca.key";
  public static final String STAGED_AT = "secretgate.io/next-ca-staged-at";
  public static final String SWITCHED_AT = "secretgate.io/ca-switched-at";

  /** The Secret's data and annotations, as strings. */
  public record Content(Map<String, String> data, Map<String, String> annotations) {
    public Content {
      data = Map.copyOf(data);
      annotations = Map.copyOf(annotations);
    }
  }

  private CertSecretFormat() {}

  public static Content encode(CertState state) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TLS_CRT, Pem.writeCertificates(state.serving().chain()));
    data.put(TLS_KEY, Pem.writePrivateKey(state.serving().privateKey()));
    data.put(CA_CRT, Pem.writeCertificate(state.ca().certificate()));
    data.put(CA_KEY, Pem.writePrivateKey(state.ca().keyMaterial().privateKey()));
    data.put(CA_BUNDLE, Pem.writeCertificates(state.bundle()));
    state.next().ifPresent(n -> {
      data.put(NEXT_CA_CRT, Pem.writeCertificate(n.certificate()));
      data.put(NEXT_CA_KEY, Pem.writePrivateKey(n.keyMaterial().privateKey()));
    });
    Map<String, String> annotations = new LinkedHashMap<>();
    state.stagedAt().ifPresent(t -> annotations.put(STAGED_AT, t.toString()));
    state.switchedAt().ifPresent(t -> annotations.put(SWITCHED_AT, t.toString()));
    return new Content(data, annotations);
  }

  /**
   * Reads the state back. A missing or empty {@link #CA_BUNDLE} is an empty bundle, which the plan
   * repairs from the CA in use (ESO's cert-controller and hand-made Secrets hold no such key).
   *
   * @param source names the Secret in messages ({@code Secret ns/name})
   * @throws UnusableCertificates naming the key and what is wrong with it
   */
  public static CertState decode(Content content, String source) {
    Map<String, String> d = content.data();
    try {
      CertificateAuthority ca = authority(d, CA_CRT, CA_KEY, source);
      KeyMaterial serving = Pem.readKeyMaterial(required(d, TLS_CRT, source), source + " key " + TLS_CRT,
          required(d, TLS_KEY, source), source + " key " + TLS_KEY);
      if (!signedBy(serving.certificate(), ca.certificate())) {
        throw new UnusableCertificates(source + ": the certificate in " + TLS_CRT + " was not signed by the CA in " + CA_CRT);
      }
      String bundlePem = d.get(CA_BUNDLE);
      List<X509Certificate> bundle = bundlePem == null || bundlePem.isBlank()
          ? List.of() : Pem.readCertificates(bundlePem, source + " key " + CA_BUNDLE);
      Optional<CertificateAuthority> next = d.containsKey(NEXT_CA_CRT) || d.containsKey(NEXT_CA_KEY)
          ? Optional.of(authority(d, NEXT_CA_CRT, NEXT_CA_KEY, source)) : Optional.empty();
      return new CertState(ca, serving, bundle, next, instant(content, STAGED_AT, source), instant(content, SWITCHED_AT, source));
    } catch (TlsException | IllegalArgumentException e) {
      throw new UnusableCertificates(e.getMessage());
    }
  }

  /** The CA in {@link #CA_CRT}/{@link #CA_KEY}, when it reads (whatever else in the Secret does not). */
  public static Optional<CertificateAuthority> authority(Content content, String source) {
    try {
      return Optional.of(authority(content.data(), CA_CRT, CA_KEY, source));
    } catch (TlsException | IllegalArgumentException | UnusableCertificates e) {
      return Optional.empty();
    }
  }

  private static CertificateAuthority authority(Map<String, String> d, String crt, String key, String source) {
    return CertificateAuthority.of(Pem.readKeyMaterial(required(d, crt, source), source + " key " + crt, required(d, key, source), source + " key " + key));
  }

  private static String required(Map<String, String> d, String key, String source) {
    String v = d.get(key);
    if (v == null || v.isBlank()) throw new UnusableCertificates(source + ": key " + key + " is missing or empty");
    return v;
  }

  private static Optional<Instant> instant(Content content, String annotation, String source) {
    String v = content.annotations().get(annotation);
    if (v == null) return Optional.empty();
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      throw new UnusableCertificates(source + ": annotation " + annotation + " is not an RFC 3339 instant");
    }
  }

  static boolean signedBy(X509Certificate leaf, X509Certificate ca) {
    try {
      leaf.verify(ca.getPublicKey());
      return leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}

package io.secretgate.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether key material may be served at an instant, and whether it covers a host name.
 *
 * <p>The window is the chain's: from its latest notBefore to its earliest notAfter, because a
 * served chain stops verifying as soon as any certificate in it does. Bounds are inclusive, as in
 * X.509 and the JDK's {@code checkValidity}.
 */
public final class Validity {
  /** Where an instant falls in a certificate's life. */
  public enum Status {
    /** Before notBefore: clients refuse it (often clock skew, or a certificate issued for later). */
    NOT_YET_VALID,
    /** Valid, and more than {@code renewBefore} from notAfter. */
    VALID,
    /** Still valid, but within {@code renewBefore} of notAfter: time to issue the next one. */
    RENEW_DUE,
    /** After notAfter: clients refuse it. */
    EXPIRED;

    /** Whether clients accept the certificate now ({@link #VALID} or {@link #RENEW_DUE}). */
    public boolean servable() {
      return this == VALID || this == RENEW_DUE;
    }
  }

  private Validity() {}

  /**
   * Where {@code now} falls for {@code material}.
   *
   * @param renewBefore how long before expiry renewal becomes due; zero or positive. A value at
   *     least the certificate's lifetime makes every valid instant {@link Status#RENEW_DUE}, so pick
   *     one well inside the lifetime (ESO's 90-day lookahead on 90-day certificates renewed forever).
   */
  public static Status check(KeyMaterial material, Instant now, Duration renewBefore) {
    Objects.requireNonNull(now, "now");
    if (renewBefore == null || renewBefore.isNegative()) {
      throw new IllegalArgumentException("renewBefore must be zero or positive, got " + renewBefore);
    }
    if (now.isBefore(material.notBefore())) return Status.NOT_YET_VALID;
    if (now.isAfter(material.notAfter())) return Status.EXPIRED;
    if (!now.isBefore(renewAt(material, renewBefore))) return Status.RENEW_DUE;
    return Status.VALID;
  }

  /** The instant renewal becomes due: the chain's earliest notAfter minus {@code renewBefore}. */
  public static Instant renewAt(KeyMaterial material, Duration renewBefore) {
    return material.notAfter().minus(renewBefore);
  }

  /**
   * Whether the certificate's DNS subjectAltNames cover {@code host} as a TLS client checks it
   * (RFC 6125: case-insensitive, a leading {@code *} stands for exactly one label). The commonName
   * is not consulted: the kube-apiserver's Go client stopped falling back to it.
   */
  public static boolean coversHost(KeyMaterial material, String host) {
    return coversHost(material.certificate(), host);
  }

  /** {@link #coversHost(KeyMaterial, String)} for a single certificate. */
  public static boolean coversHost(X509Certificate certificate, String host) {
    return dnsNames(certificate).stream().anyMatch(name -> DnsNames.covers(name, host));
  }

  /** The DNS subjectAltNames of a certificate, in certificate order. */
  public static List<String> dnsNames(X509Certificate certificate) {
    return List.copyOf(Certificates.dnsNames(certificate));
  }
}

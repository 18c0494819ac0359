package io.secretgate.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Fixed instants, generated CAs and leaves, and the committed PEM fixtures, for the tls tests. */
final class TestCerts {
  /** Every generated certificate in these tests starts here unless a test says otherwise. */
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  static final List<String> NAMES = ServiceNames.of("secretgate", "secretgate");

  private TestCerts() {}

  static CertificateAuthority ca() {
    return CertificateAuthority.generate("secretgate test CA", T0, CA_VALIDITY);
  }

  static KeyMaterial leaf(CertificateAuthority ca) {
    return ServingCertificate.issue(ca, NAMES, T0, LEAF_VALIDITY);
  }

  static KeyMaterial leaf(CertificateAuthority ca, String... names) {
    return ServingCertificate.issue(ca, List.of(names), T0, LEAF_VALIDITY);
  }

  /** A committed fixture under src/test/resources/io/secretgate/tls/ (see its README.md). */
  static Path fixture(String name) {
    return Path.of(System.getProperty("secretgate.basedir", System.getProperty("user.dir")),
        "src/test/resources/io/secretgate/tls", name);
  }
}

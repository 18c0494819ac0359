package io.secretgate.tls;

import static io.secretgate.tls.TestCerts.CA_VALIDITY;
import static io.secretgate.tls.TestCerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CertificateAuthorityTest {
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_KEY_ID = "2.5.29.14";

  private final CertificateAuthority ca = TestCerts.ca();
  private final X509Certificate cert = ca.certificate();

  @Test
  void a_generated_ca_is_a_self_signed_ec_p256_certificate_signed_with_sha256_ecdsa() throws Exception {
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().toString()).contains("secp256r1");
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=secretgate test CA");
    assertThat(cert.getVersion()).isEqualTo(3);
    cert.verify(cert.getPublicKey());
  }

  @Test
  void it_is_a_ca_with_path_length_zero_that_may_sign_certificates_and_crls_only() throws Exception {
    assertThat(cert.getBasicConstraints()).isZero();
    boolean[] usage = cert.getKeyUsage();
    assertThat(usage[5]).as("keyCertSign").isTrue();
    assertThat(usage[6]).as("cRLSign").isTrue();
    for (int i : new int[] {0, 1, 2, 3, 4, 7, 8}) assertThat(i < usage.length && usage[i]).as("key usage bit " + i).isFalse();
    assertThat(cert.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    assertThat(cert.getNonCriticalExtensionOIDs()).contains(SUBJECT_KEY_ID);
    assertThat(cert.getExtendedKeyUsage()).isNull();
  }

  @Test
  void its_validity_starts_at_not_before_cut_to_whole_seconds_and_lasts_the_given_validity() {
    CertificateAuthority precise = CertificateAuthority.generate("ca", T0.plusMillis(1500), Duration.ofDays(10));
    assertThat(precise.certificate().getNotBefore().toInstant()).isEqualTo(T0.plusSeconds(1));
    assertThat(precise.certificate().getNotAfter().toInstant()).isEqualTo(T0.plusSeconds(1).plus(Duration.ofDays(10)));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(T0.plus(CA_VALIDITY));
  }

  @Test
  void two_generated_cas_have_different_keys_and_serials() {
    CertificateAuthority other = TestCerts.ca();
    assertThat(other.certificate().getSerialNumber()).isNotEqualTo(cert.getSerialNumber());
    assertThat(other.certificate().getPublicKey()).isNotEqualTo(cert.getPublicKey());
    assertThat(cert.getSerialNumber().signum()).isPositive();
  }

  @Test
  void a_blank_or_over_long_common_name_or_a_validity_under_a_second_is_refused() {
    assertThatThrownBy(() -> CertificateAuthority.generate(" ", T0, CA_VALIDITY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CertificateAuthority.generate("x".repeat(65), T0, CA_VALIDITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    assertThatThrownBy(() -> CertificateAuthority.generate("ca", T0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validity");
    assertThatThrownBy(() -> CertificateAuthority.generate("ca", T0, Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_ca_read_back_from_its_pem_files_issues_leaves_that_verify_against_it() throws Exception {
    String certPem = Pem.writeCertificate(cert);
    String keyPem = Pem.writePrivateKey(ca.keyMaterial().privateKey());
    CertificateAuthority loaded = CertificateAuthority.of(Pem.readKeyMaterial(certPem, "ca.crt", keyPem, "ca.key"));

    KeyMaterial leaf = ServingCertificate.issue(loaded, List.of("a.b.svc"), T0, Duration.ofDays(1));

    leaf.certificate().verify(cert.getPublicKey());
    assertThat(leaf.chain().get(1)).isEqualTo(cert);
  }

  @Test
  void a_leaf_certificate_is_not_accepted_as_a_ca() {
    KeyMaterial leaf = TestCerts.leaf(ca);
    assertThatThrownBy(() -> CertificateAuthority.of(leaf))
        .isInstanceOf(TlsException.class).hasMessageContaining("is not a CA");
  }

  @Test
  void its_string_form_names_the_certificate_and_never_the_key() {
    ECPrivateKey key = (ECPrivateKey) ca.keyMaterial().privateKey();
    assertThat(ca.toString()).contains("secretgate test CA")
        .doesNotContain(key.getS().toString()).doesNotContain(key.getS().toString(16));
    assertThat(ca.keyMaterial().toString()).contains("key=EC")
        .doesNotContain(key.getS().toString()).doesNotContain(key.getS().toString(16));
  }
}

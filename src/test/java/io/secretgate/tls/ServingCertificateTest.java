package io.secretgate.tls;

import static io.secretgate.tls.TestCerts.NAMES;
import static io.secretgate.tls.TestCerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServingCertificateTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";

  private final CertificateAuthority ca = TestCerts.ca();
  private final KeyMaterial material = TestCerts.leaf(ca);
  private final X509Certificate leaf = material.certificate();

  @Test
  void the_leaf_is_no_ca_and_may_only_sign_handshakes_as_a_tls_server() throws Exception {
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    boolean[] usage = leaf.getKeyUsage();
    assertThat(usage[0]).as("digitalSignature").isTrue();
    for (int i = 1; i < usage.length; i++) assertThat(usage[i]).as("key usage bit " + i).isFalse();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void the_leaf_carries_the_service_names_as_dns_subject_alternative_names() {
    assertThat(Validity.dnsNames(leaf)).containsExactly(
        "secretgate", "secretgate.secretgate", "secretgate.secretgate.svc", "secretgate.secretgate.svc.cluster.local");
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=secretgate");
    assertThat(leaf.getNonCriticalExtensionOIDs()).contains(SUBJECT_ALT_NAME);
  }

  @Test
  void the_authority_key_identifier_of_the_leaf_is_the_subject_key_identifier_of_the_ca() throws Exception {
    byte[] caSki = SubjectKeyIdentifier.getInstance(
        JcaX509ExtensionUtils.parseExtensionValue(ca.certificate().getExtensionValue("2.5.29.14"))).getKeyIdentifier();
    AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(
        JcaX509ExtensionUtils.parseExtensionValue(leaf.getExtensionValue("2.5.29.35")));
    assertThat(aki.getKeyIdentifier()).isEqualTo(caSki);
    assertThat(aki.getAuthorityCertIssuer()).as("no issuer name that ties the leaf to one CA issuance").isNull();
    assertThat(aki.getAuthorityCertSerialNumber()).isNull();
    assertThat(leaf.getExtensionValue("2.5.29.14")).isNotNull();
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
  }

  @Test
  void the_chain_is_leaf_then_ca_and_the_jdk_validates_it_against_the_ca_inside_the_validity_window() throws Exception {
    assertThat(material.chain()).containsExactly(leaf, ca.certificate());
    validate(material.chain().subList(0, 1), ca.certificate(), T0.plus(Duration.ofDays(100)));
  }

  @Test
  void the_jdk_refuses_the_chain_after_the_leaf_has_expired_and_against_another_ca() {
    assertThatThrownBy(() -> validate(List.of(leaf), ca.certificate(), T0.plus(Duration.ofDays(366))))
        .isInstanceOf(CertPathValidatorException.class);
    assertThatThrownBy(() -> validate(List.of(leaf), TestCerts.ca().certificate(), T0.plus(Duration.ofDays(1))))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void the_leaf_is_valid_from_not_before_for_the_given_validity() {
    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(T0);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(T0.plus(TestCerts.LEAF_VALIDITY));
  }

  @Test
  void a_leaf_that_would_outlive_its_ca_is_refused() {
    assertThatThrownBy(() -> ServingCertificate.issue(ca, NAMES, T0, Duration.ofDays(3651)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its CA");
  }

  @Test
  void no_names_or_a_name_that_is_not_a_dns_name_is_refused() {
    assertThatThrownBy(() -> ServingCertificate.issue(ca, List.of(), T0, Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one DNS name");
    for (String bad : List.of("under_score.svc", "-lead.svc", "a..b", "*.svc", "a.*.b", "x".repeat(64) + ".svc", "")) {
      assertThatThrownBy(() -> ServingCertificate.issue(ca, List.of(bad), T0, Duration.ofDays(1)))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a DNS name");
    }
  }

  @Test
  void a_wildcard_for_one_namespace_is_accepted_and_duplicate_names_are_written_once() {
    KeyMaterial wild = ServingCertificate.issue(ca, List.of("*.secretgate.svc", "*.secretgate.svc", "x.y"), T0, Duration.ofDays(1));
    assertThat(Validity.dnsNames(wild.certificate())).containsExactly("*.secretgate.svc", "x.y");
  }

  @Test
  void when_no_name_fits_a_common_name_the_subject_is_empty_and_the_names_extension_critical() {
    String longName = "s".repeat(60) + "." + "n".repeat(60) + ".svc";
    KeyMaterial m = ServingCertificate.issue(ca, List.of(longName), T0, Duration.ofDays(1));
    assertThat(m.certificate().getSubjectX500Principal().getName()).isEmpty();
    assertThat(m.certificate().getCriticalExtensionOIDs()).contains(SUBJECT_ALT_NAME);
    assertThat(Validity.dnsNames(m.certificate())).containsExactly(longName);
  }

  @Test
  void a_ca_made_by_openssl_with_an_rsa_key_issues_leaves_signed_with_sha256_rsa_that_verify_against_it() throws Exception {
    CertificateAuthority openssl = CertificateAuthority.of(Pem.readKeyMaterial(TestCerts.fixture("rsa.crt"), TestCerts.fixture("rsa-pkcs1.key")));
    KeyMaterial m = ServingCertificate.issue(openssl, List.of("a.b.svc"), T0, Duration.ofDays(1));
    assertThat(m.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    validate(List.of(m.certificate()), openssl.certificate(), T0.plusSeconds(60));
  }

  private static void validate(List<X509Certificate> path, X509Certificate anchor, Instant at) throws Exception {
    CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX").validate(certPath, params);
  }
}

package io.secretgate.tls;

import static io.secretgate.tls.TestCerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CaBundleTest {
  private final X509Certificate old = CertificateAuthority.generate("old", T0, Duration.ofDays(100)).certificate();
  private final X509Certificate current = CertificateAuthority.generate("current", T0.plus(Duration.ofDays(50)), Duration.ofDays(100)).certificate();
  private final X509Certificate next = CertificateAuthority.generate("next", T0.plus(Duration.ofDays(90)), Duration.ofDays(100)).certificate();

  @Test
  void the_new_ca_is_added_after_the_installed_ones_so_old_and_new_overlap() {
    assertThat(CaBundle.merge(List.of(old), List.of(current), T0.plus(Duration.ofDays(60)))).containsExactly(old, current);
  }

  @Test
  void a_ca_already_in_the_bundle_is_kept_once_so_merging_again_changes_nothing() {
    List<X509Certificate> once = CaBundle.merge(List.of(old, old), List.of(current, old), T0.plus(Duration.ofDays(60)));
    assertThat(once).containsExactly(old, current);
    assertThat(CaBundle.merge(once, List.of(current), T0.plus(Duration.ofDays(60)))).isEqualTo(once);
  }

  @Test
  void a_ca_expired_at_the_instant_is_dropped_and_one_not_valid_yet_is_kept() {
    // At day 101 "old" has expired; "next" starts at day 90 and is kept when published early (day 60 + 41).
    assertThat(CaBundle.merge(List.of(old, current), List.of(next), T0.plus(Duration.ofDays(101)))).containsExactly(current, next);
    assertThat(CaBundle.merge(List.of(old), List.of(next), T0.plus(Duration.ofDays(60)))).containsExactly(old, next);
  }

  @Test
  void a_ca_is_kept_up_to_and_including_its_not_after() {
    assertThat(CaBundle.merge(List.of(old), List.of(), T0.plus(Duration.ofDays(100)))).containsExactly(old);
    assertThat(CaBundle.merge(List.of(old), List.of(), T0.plus(Duration.ofDays(100)).plusSeconds(1))).isEmpty();
  }

  @Test
  void pem_bundles_merge_the_same_way_and_a_blank_installed_bundle_counts_as_none() {
    String merged = CaBundle.merge(Pem.writeCertificate(old), Pem.writeCertificates(List.of(current, old)), T0.plus(Duration.ofDays(60)));
    assertThat(Pem.readCertificates(merged, "merged")).containsExactly(old, current);
    assertThat(Pem.readCertificates(CaBundle.merge("  \n", Pem.writeCertificate(current), T0), "merged")).containsExactly(current);
  }

  @Test
  void the_field_value_is_base64_of_the_pem_text_and_reads_back() {
    String value = CaBundle.toFieldValue(List.of(old, current));
    assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII)).isEqualTo(Pem.writeCertificates(List.of(old, current)));
    assertThat(CaBundle.fromFieldValue(value, "caBundle")).containsExactly(old, current);
  }

  @Test
  void a_field_value_that_is_not_base64_or_not_pem_is_refused_naming_its_source() {
    assertThatThrownBy(() -> CaBundle.fromFieldValue("${CA_BUNDLE}", "webhook validate.externalsecrets.secretgate.io caBundle"))
        .isInstanceOf(TlsException.class)
        .hasMessage("webhook validate.externalsecrets.secretgate.io caBundle: expected base64-encoded PEM certificates, found text that is not base64");
    assertThatThrownBy(() -> CaBundle.fromFieldValue(Base64.getEncoder().encodeToString("hello".getBytes()), "caBundle"))
        .isInstanceOf(TlsException.class).hasMessageStartingWith("caBundle: expected one or more PEM certificates");
  }
}

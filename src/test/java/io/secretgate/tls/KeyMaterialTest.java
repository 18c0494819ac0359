package io.secretgate.tls;

import static io.secretgate.tls.TestCerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyMaterialTest {
  private final CertificateAuthority ca = TestCerts.ca();
  private final KeyMaterial leaf = TestCerts.leaf(ca);

  @Test
  void a_key_with_a_certificate_of_another_key_is_refused() {
    KeyMaterial other = TestCerts.leaf(ca);
    assertThatThrownBy(() -> new KeyMaterial(other.privateKey(), leaf.chain()))
        .isInstanceOf(TlsException.class).hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void an_empty_chain_is_refused() {
    assertThatThrownBy(() -> new KeyMaterial(leaf.privateKey(), List.of())).isInstanceOf(TlsException.class);
  }

  @Test
  void the_chain_is_copied_so_later_changes_to_the_callers_list_do_not_reach_it() {
    List<X509Certificate> chain = new ArrayList<>(leaf.chain());
    KeyMaterial m = new KeyMaterial(leaf.privateKey(), chain);
    chain.clear();
    assertThat(m.chain()).hasSize(2);
  }

  @Test
  void the_window_is_the_chains_latest_not_before_to_its_earliest_not_after() {
    CertificateAuthority lateShortCa = CertificateAuthority.generate("late", T0.plus(Duration.ofDays(1)), Duration.ofDays(30));
    KeyMaterial m = ServingCertificate.issue(lateShortCa, List.of("a.b.svc"), T0, Duration.ofDays(20));
    assertThat(m.notBefore()).isEqualTo(T0.plus(Duration.ofDays(1)));
    assertThat(m.notAfter()).isEqualTo(T0.plus(Duration.ofDays(20)));
  }

  @Test
  void its_string_form_never_shows_an_rsa_key_either() throws java.io.IOException {
    KeyMaterial rsa = Pem.readKeyMaterial(TestCerts.fixture("rsa.crt"), TestCerts.fixture("rsa-pkcs1.key"));
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.privateKey();
    assertThat(rsa.toString()).contains("key=RSA", "CN=fixture-rsa")
        .doesNotContain(key.getPrivateExponent().toString()).doesNotContain(key.getPrivateExponent().toString(16))
        .doesNotContain(key.getPrimeP().toString(16));
  }
}

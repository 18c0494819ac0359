package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaBundleTest {
  static TestCa first;
  static TestCa second;

  @BeforeAll
  static void authorities() {
    first = TestCa.create("first test CA");
    second = TestCa.create("second test CA");
  }

  @Test
  void a_single_pem_certificate_is_read() {
    assertThat(CaBundle.certificates(first.pem())).containsExactly(first.certificate());
  }

  @Test
  void every_certificate_of_a_concatenated_bundle_is_read_in_order() {
    assertThat(CaBundle.certificates(first.pem() + second.pem())).containsExactly(first.certificate(), second.certificate());
  }

  @Test
  void text_between_blocks_and_crlf_line_ends_are_fine() {
    String bundle = "# corporate roots\r\n" + first.pem().replace("\n", "\r\n") + "Bag Attributes: x\n" + second.pem();
    assertThat(CaBundle.certificates(bundle)).containsExactly(first.certificate(), second.certificate());
  }

  @Test
  void a_base64_encoded_pem_is_read_as_eso_does() {
    String once = Base64.getEncoder().encodeToString((first.pem() + second.pem()).getBytes(StandardCharsets.UTF_8));
    assertThat(CaBundle.certificates(once)).containsExactly(first.certificate(), second.certificate());
  }

  @Test
  void a_twice_base64_encoded_pem_is_read_as_eso_does() {
    String once = Base64.getEncoder().encodeToString(first.pem().getBytes(StandardCharsets.UTF_8));
    String twice = Base64.getMimeEncoder().encodeToString(once.getBytes(StandardCharsets.UTF_8));
    assertThat(CaBundle.certificates(twice)).containsExactly(first.certificate());
  }

  @Test
  void text_without_a_certificate_is_refused() {
    assertThatThrownBy(() -> CaBundle.certificates("not a certificate at all")).isInstanceOf(InvalidCaBundleException.class)
        .hasMessage("the CA bundle holds no PEM certificate");
    assertThatThrownBy(() -> CaBundle.certificates("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(InvalidCaBundleException.class);
  }

  @Test
  void a_damaged_certificate_is_refused_without_quoting_it() {
    String damaged = "-----BEGIN CERTIFICATE-----\nTUlJQmtUQ0NBVGVnQXdJQkFnSVVE\n-----END CERTIFICATE-----\n";
    assertThatThrownBy(() -> CaBundle.certificates(damaged)).isInstanceOf(InvalidCaBundleException.class)
        .hasMessageNotContaining("TUlJQ");
  }

  @Test
  void the_tls_context_is_built_from_the_bundle() {
    assertThat(CaBundle.sslContext(first.pem() + second.pem()).getProtocol()).isEqualTo("TLS");
  }
}

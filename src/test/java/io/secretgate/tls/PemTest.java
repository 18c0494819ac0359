package io.secretgate.tls;

import static io.secretgate.tls.TestCerts.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PemTest {
  private final CertificateAuthority ca = TestCerts.ca();
  private final KeyMaterial leaf = TestCerts.leaf(ca);

  // ---- round trips

  @Test
  void a_chain_written_as_pem_reads_back_as_the_same_certificates_in_order() {
    String pem = Pem.writeCertificates(leaf.chain());
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
    assertThat(Pem.readCertificates(pem, "tls.crt")).containsExactlyElementsOf(leaf.chain());
  }

  @Test
  void a_private_key_is_written_as_unencrypted_pkcs8_and_reads_back_as_the_same_key() {
    String pem = Pem.writePrivateKey(leaf.privateKey());
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    PrivateKey back = Pem.readPrivateKey(pem, "tls.key");
    assertThat(back.getAlgorithm()).isEqualTo("EC");
    assertThat(back.getEncoded()).isEqualTo(leaf.privateKey().getEncoded());
  }

  @Test
  void key_material_reads_back_from_files_with_its_chain() throws Exception {
    Path dir = Files.createTempDirectory("pem");
    Files.writeString(dir.resolve("tls.crt"), Pem.writeCertificates(leaf.chain()));
    Files.writeString(dir.resolve("tls.key"), Pem.writePrivateKey(leaf.privateKey()));
    KeyMaterial back = Pem.readKeyMaterial(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    assertThat(back.chain()).containsExactlyElementsOf(leaf.chain());
    assertThat(back.privateKey().getEncoded()).isEqualTo(leaf.privateKey().getEncoded());
  }

  // ---- fixtures as OpenSSL and cert-manager write them

  static Stream<Arguments> keyFixtures() {
    return Stream.of(
        Arguments.of("ec-pkcs8.key", "ec.crt", "EC"),
        Arguments.of("ec-sec1.key", "ec.crt", "EC"),
        Arguments.of("ec-sec1-with-params.key", "ec-with-params.crt", "EC"),
        Arguments.of("rsa-pkcs1.key", "rsa.crt", "RSA"),
        Arguments.of("rsa-pkcs8.key", "rsa.crt", "RSA"));
  }

  @ParameterizedTest(name = "{0} reads as an {2} key that belongs to {1}")
  @MethodSource("keyFixtures")
  void each_private_key_format_reads_and_pairs_with_its_certificate(String keyFile, String certFile, String algorithm) throws IOException {
    KeyMaterial material = Pem.readKeyMaterial(fixture(certFile), fixture(keyFile));
    assertThat(material.privateKey().getAlgorithm()).isEqualTo(algorithm);
    assertThat(material.chain()).hasSize(1);
  }

  @Test
  void the_pkcs1_and_pkcs8_forms_of_one_key_read_as_the_same_key() throws IOException {
    assertThat(Pem.readPrivateKey(fixture("rsa-pkcs1.key")).getEncoded())
        .isEqualTo(Pem.readPrivateKey(fixture("rsa-pkcs8.key")).getEncoded());
    // OpenSSL's PKCS#8 form leaves out the curve inside the SEC 1 structure; the key is the same scalar.
    assertThat(((ECPrivateKey) Pem.readPrivateKey(fixture("ec-sec1.key"))).getS())
        .isEqualTo(((ECPrivateKey) Pem.readPrivateKey(fixture("ec-pkcs8.key"))).getS());
  }

  @Test
  void an_ec_private_key_without_its_curve_takes_it_from_an_ec_parameters_block_beside_it() throws Exception {
    ECPrivateKey jdk = (ECPrivateKey) Pem.readPrivateKey(fixture("ec-sec1.key"));
    byte[] bare = new org.bouncycastle.asn1.sec.ECPrivateKey(256, jdk.getS()).getEncoded();
    String sec1 = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(bare) + "\n-----END EC PRIVATE KEY-----\n";
    String params = Files.readString(fixture("ec-sec1-with-params.key")).lines().limit(3).reduce("", (x, y) -> x + y + "\n");

    assertThat(((ECPrivateKey) Pem.readPrivateKey(params + sec1, "tls.key")).getS()).isEqualTo(jdk.getS());
    assertThatThrownBy(() -> Pem.readPrivateKey(sec1, "tls.key")).isInstanceOf(TlsException.class)
        .hasMessage("tls.key line 1: the EC PRIVATE KEY names no curve and there is no EC PARAMETERS block");
  }

  @Test
  void a_key_we_read_writes_back_as_pkcs8_that_reads_again() throws IOException {
    PrivateKey rsa = Pem.readPrivateKey(fixture("rsa-pkcs1.key"));
    assertThat(Pem.readPrivateKey(Pem.writePrivateKey(rsa), "again").getEncoded()).isEqualTo(rsa.getEncoded());
  }

  @Test
  void a_bundle_of_concatenated_certificates_reads_in_order_with_the_text_between_them_ignored() throws IOException {
    List<X509Certificate> bundle = Pem.readCertificates(fixture("bundle.pem"));
    assertThat(bundle).extracting(c -> c.getSubjectX500Principal().getName()).containsExactly("CN=fixture-ec", "CN=fixture-rsa");
    assertThat(Pem.readCertificates(Pem.writeCertificates(bundle), "again")).containsExactlyElementsOf(bundle);
  }

  @Test
  void a_combined_key_and_certificate_file_reads_as_either() throws IOException {
    assertThat(Pem.readCertificates(fixture("combined-key-and-cert.pem"))).hasSize(1);
    assertThat(Pem.readPrivateKey(fixture("combined-key-and-cert.pem")).getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void windows_line_endings_and_indentation_are_accepted() {
    String pem = Pem.writeCertificates(leaf.chain()).replace("\n", "\r\n  ");
    assertThat(Pem.readCertificates(pem, "crlf.pem")).containsExactlyElementsOf(leaf.chain());
  }

  // ---- refusals: typed, naming the source and what was expected, never quoting key material

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "ec-encrypted-pkcs8.key | line 1: the private key is encrypted",
      "ec-encrypted-sec1.key  | line 1: the private key is encrypted",
      "ec.crt                 | expected one PEM private key (-----BEGIN PRIVATE KEY-----, EC PRIVATE KEY or RSA PRIVATE KEY), found CERTIFICATE block",
      "README.md              | expected one PEM private key (-----BEGIN PRIVATE KEY-----, EC PRIVATE KEY or RSA PRIVATE KEY), found no PEM block",
  })
  void a_file_that_holds_no_usable_private_key_is_refused_with_its_name(String file, String message) {
    assertThatThrownBy(() -> Pem.readPrivateKey(fixture(file)))
        .isInstanceOf(TlsException.class)
        .hasMessageStartingWith(fixture(file).toString())
        .hasMessageContaining(message);
  }

  @Test
  void a_file_that_cannot_be_read_is_the_io_failure_itself_for_the_caller_to_put_in_words() {
    assertThatThrownBy(() -> Pem.readPrivateKey(fixture("no-such-file.key"))).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> Pem.readCertificates(fixture("no-such-file.crt"))).isInstanceOf(NoSuchFileException.class);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "ec-pkcs8.key | expected one or more PEM certificates (-----BEGIN CERTIFICATE-----), found PRIVATE KEY block",
      "README.md    | expected one or more PEM certificates (-----BEGIN CERTIFICATE-----), found no PEM block",
  })
  void a_file_that_holds_no_certificate_is_refused_with_its_name(String file, String message) {
    assertThatThrownBy(() -> Pem.readCertificates(fixture(file)))
        .isInstanceOf(TlsException.class)
        .hasMessage(fixture(file) + ": " + message);
  }

  @Test
  void a_block_without_its_end_line_is_refused_at_its_line() {
    String pem = "# bundle\n" + Pem.writeCertificate(leaf.certificate()).replace("-----END CERTIFICATE-----\n", "");
    assertThatThrownBy(() -> Pem.readCertificates(pem, "ca.crt"))
        .isInstanceOf(TlsException.class)
        .hasMessage("ca.crt line 2: '-----BEGIN CERTIFICATE-----' has no matching '-----END CERTIFICATE-----'");
  }

  /** A key pasted on one line (an env variable, a JSON string with its line breaks written as \n). */
  static Stream<Arguments> keysWhoseLineBreaksWereLost() {
    String pem = Pem.writePrivateKey(TestCerts.leaf(TestCerts.ca()).privateKey());
    return Stream.of(
        Arguments.of("on one line", pem.replace("\n", "")),
        Arguments.of("with \\n written out", pem.strip().replace("\n", "\\n")),
        Arguments.of("with spaces for line breaks", pem.strip().replace("\n", " ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keysWhoseLineBreaksWereLost")
  void a_key_whose_line_breaks_were_lost_is_refused_without_any_of_its_content(String how, String pem) {
    String body = pem.substring("-----BEGIN PRIVATE KEY-----".length() + 2, pem.indexOf("-----END") - 2);
    Throwable thrown = catchThrowable(() -> Pem.readPrivateKey(pem, "Secret ns/vault-client key tls.key"));
    assertThat(thrown).isInstanceOf(TlsException.class).hasNoCause();
    assertThat(thrown.getMessage())
        .startsWith("Secret ns/vault-client key tls.key line 1: ")
        .contains("line breaks")
        .doesNotContain(body.substring(0, 16)).doesNotContain(body.substring(body.length() - 16));
  }

  @Test
  void a_block_that_is_not_base64_or_not_a_certificate_is_refused_at_its_line() {
    assertThatThrownBy(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n", "ca.crt"))
        .isInstanceOf(TlsException.class).hasMessage("ca.crt line 1: the CERTIFICATE block is not valid base64");
    String notDer = Base64.getEncoder().encodeToString("hello, not a certificate".getBytes());
    String pem = Pem.writeCertificate(leaf.certificate()) + "-----BEGIN CERTIFICATE-----\n" + notDer + "\n-----END CERTIFICATE-----\n";
    int line = (int) Pem.writeCertificate(leaf.certificate()).lines().count() + 1;
    assertThatThrownBy(() -> Pem.readCertificates(pem, "ca.crt"))
        .isInstanceOf(TlsException.class).hasMessage("ca.crt line " + line + ": the CERTIFICATE block is not a valid X.509 certificate");
  }

  @Test
  void a_block_of_an_unexpected_kind_in_a_certificate_file_is_refused() {
    String pem = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n";
    assertThatThrownBy(() -> Pem.readCertificates(pem, "ca.crt"))
        .isInstanceOf(TlsException.class).hasMessageStartingWith("ca.crt line 1: expected one or more PEM certificates")
        .hasMessageEndingWith("found a CERTIFICATE REQUEST block");
  }

  @Test
  void two_private_keys_in_one_file_are_refused() {
    String pem = Pem.writePrivateKey(leaf.privateKey()) + Pem.writePrivateKey(ca.keyMaterial().privateKey());
    assertThatThrownBy(() -> Pem.readPrivateKey(pem, "tls.key"))
        .isInstanceOf(TlsException.class).hasMessageEndingWith("found 2 private keys");
  }

  @Test
  void a_damaged_private_key_is_refused_without_any_of_its_content_in_the_message_or_a_cause() {
    String good = Pem.writePrivateKey(leaf.privateKey());
    List<String> body = good.lines().filter(l -> !l.startsWith("-----")).toList();
    // Keep valid base64 but cut the DER short, so that the ASN.1 parser, not the base64 decoder, fails.
    byte[] der = leaf.privateKey().getEncoded();
    byte[] cut = Arrays.copyOf(der, der.length - 10);
    for (String type : List.of("PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY")) {
      String damaged = "-----BEGIN " + type + "-----\n" + Base64.getEncoder().encodeToString(cut) + "\n-----END " + type + "-----\n";
      Throwable thrown = catchThrowable(() -> Pem.readPrivateKey(damaged, "tls.key"));
      assertThat(thrown).isInstanceOf(TlsException.class).hasMessageStartingWith("tls.key line 1: the " + type + " block is not a valid")
          .hasNoCause();
      for (String line : body) assertThat(thrown.getMessage()).doesNotContain(line.substring(0, 12));
      assertThat(thrown.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(cut).substring(0, 12));
    }
  }

  @Test
  void a_key_that_belongs_to_another_certificate_is_refused_naming_both_files() throws IOException {
    String otherKey = Pem.writePrivateKey(TestCerts.leaf(ca).privateKey());
    assertThatThrownBy(() -> Pem.readKeyMaterial(Pem.writeCertificates(leaf.chain()), "tls.crt", otherKey, "tls.key"))
        .isInstanceOf(TlsException.class)
        .hasMessageStartingWith("tls.key and tls.crt: the private key (EC) does not belong to the certificate 'CN=secretgate'");
    assertThatThrownBy(() -> Pem.readKeyMaterial(fixture("rsa.crt"), fixture("ec-pkcs8.key")))
        .isInstanceOf(TlsException.class).hasMessageContaining("does not belong to the certificate 'CN=fixture-rsa'");
  }
}

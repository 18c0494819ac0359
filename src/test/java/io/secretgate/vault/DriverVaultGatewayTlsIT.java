package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.secretgate.testing.FakeVault;
import io.secretgate.testing.TestCa;
import io.secretgate.vault.VaultFailure.Kind;
import io.secretgate.vault.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DriverVaultGateway} over HTTPS: FakeVault serving a certificate from a CA made in the test. */
class DriverVaultGatewayTlsIT {
  static final String TOKEN = "s.tls-token-91ce";
  static TestCa vaultCa;
  static TestCa otherCa;
  static FakeVault vault;

  @BeforeAll
  static void start() throws IOException {
    vaultCa = TestCa.create("vault test CA");
    otherCa = TestCa.create("unrelated test CA");
    vault = FakeVault.https(vaultCa.serverContext()).mountV2("secret");
    vault.token(TOKEN, new FakeVault.TokenInfo(List.of(Policy.root()), 0));
    vault.put("secret", "app", "{\"password\":\"tls-canary\"}");
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  static DriverVaultGateway trusting(Optional<String> caBundle) {
    return new DriverVaultGateway(new VaultConnection(vault.address(), null, caBundle, () -> TOKEN, Duration.ofSeconds(5)));
  }

  static VaultFailure failure(DriverVaultGateway gateway) {
    VaultFailure f = catchThrowableOfType(VaultFailure.class, () -> gateway.read("secret/data/app", null));
    assertThat(f).isNotNull();
    assertThat(f.getMessage()).doesNotContain(TOKEN).doesNotContain("tls-canary");
    return f;
  }

  @Test
  void the_gateway_talks_https_to_a_vault_whose_ca_it_trusts() throws VaultFailure {
    assertThat(vault.address().getScheme()).isEqualTo("https");
    assertThat(trusting(Optional.of(vaultCa.pem())).read("secret/data/app", null).orElseThrow()).contains("tls-canary");
    assertThat(trusting(Optional.of(vaultCa.pem())).health()).isEqualTo(new Health(true, false, false));
  }

  @Test
  void a_bundle_with_several_cas_trusts_each_of_them() throws VaultFailure {
    assertThat(trusting(Optional.of(otherCa.pem() + vaultCa.pem())).lookupSelf().policies()).containsExactly("root");
  }

  @Test
  void a_base64_encoded_bundle_is_taken_as_eso_takes_it() throws VaultFailure {
    String encoded = Base64.getEncoder().encodeToString(vaultCa.pem().getBytes(StandardCharsets.UTF_8));
    assertThat(trusting(Optional.of(encoded)).read("secret/data/app", null)).isPresent();
  }

  @Test
  void the_jvm_trust_store_does_not_trust_the_test_ca_so_the_call_is_unavailable() {
    VaultFailure f = failure(trusting(Optional.empty()));
    assertThat(f.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(f.getMessage()).isEqualTo("Vault GET secret/data/app: cannot reach Vault at " + vault.address() + " (TLS handshake failed)");
  }

  @Test
  void a_bundle_without_the_vault_ca_is_unavailable() {
    assertThat(failure(trusting(Optional.of(otherCa.pem()))).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void a_bundle_without_a_certificate_is_refused_when_the_gateway_is_made() {
    assertThatThrownBy(() -> trusting(Optional.of("not a bundle"))).isInstanceOf(InvalidCaBundleException.class);
  }
}

package io.secretgate.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPrivateKey;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The key manager's contract with the JDK, without a network; the handshakes are in {@link TlsHandshakeTest}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReloadableKeyManagerTest {
  private final CertificateAuthority ca = TestCerts.ca();
  private final KeyMaterial first = TestCerts.leaf(ca);
  private final KeyMaterial second = TestCerts.leaf(ca);
  private final ReloadableKeyManager keys = new ReloadableKeyManager(first);

  @Test
  void it_offers_its_key_for_handshakes_of_the_keys_type_only() {
    assertThat(keys.chooseServerAlias("EC", null, null)).isNotNull();
    assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNotNull();
    assertThat(keys.getServerAliases("EC", null)).hasSize(1);
    assertThat(keys.chooseServerAlias("RSA", null, null)).isNull();
    assertThat(keys.getServerAliases("RSA", null)).isNull();
  }

  @Test
  void it_never_acts_as_a_client() {
    assertThat(keys.chooseClientAlias(new String[] {"EC"}, null, null)).isNull();
    assertThat(keys.chooseEngineClientAlias(new String[] {"EC"}, null, null)).isNull();
    assertThat(keys.getClientAliases("EC", null)).isNull();
  }

  @Test
  void a_swap_gives_a_new_alias_whose_key_and_chain_are_the_new_material() {
    String before = keys.chooseServerAlias("EC", null, null);
    KeyMaterial replaced = keys.swap(second);
    String after = keys.chooseServerAlias("EC", null, null);

    assertThat(replaced).isSameAs(first);
    assertThat(keys.current()).isSameAs(second);
    assertThat(after).isNotEqualTo(before);
    assertThat(keys.getPrivateKey(after)).isEqualTo(second.privateKey());
    assertThat(keys.getCertificateChain(after)).containsExactlyElementsOf(second.chain());
  }

  @Test
  void a_handshake_that_chose_its_alias_before_a_swap_still_gets_the_matching_key_and_chain() {
    String chosen = keys.chooseServerAlias("EC", null, null);
    keys.swap(second);
    keys.swap(TestCerts.leaf(ca));
    assertThat(keys.getPrivateKey(chosen)).isEqualTo(first.privateKey());
    assertThat(keys.getCertificateChain(chosen)).containsExactlyElementsOf(first.chain());
  }

  @Test
  void only_the_last_few_materials_stay_resolvable() {
    String oldest = keys.chooseServerAlias("EC", null, null);
    for (int i = 0; i < ReloadableKeyManager.RETAINED; i++) keys.swap(TestCerts.leaf(ca));
    assertThat(keys.getPrivateKey(oldest)).isNull();
    assertThat(keys.getCertificateChain(oldest)).isNull();
    assertThat(keys.getPrivateKey("no-such-alias")).isNull();
  }

  @Test
  void an_rsa_material_is_offered_for_rsa_handshakes_after_a_swap() throws java.io.IOException {
    keys.swap(Pem.readKeyMaterial(TestCerts.fixture("rsa.crt"), TestCerts.fixture("rsa-pkcs1.key")));
    assertThat(keys.chooseServerAlias("RSA", null, null)).isNotNull();
    assertThat(keys.chooseServerAlias("EC", null, null)).isNull();
  }

  @Test
  void its_string_form_shows_no_key() {
    assertThat(keys.toString()).contains("CN=secretgate").doesNotContain(
        ((ECPrivateKey) first.privateKey()).getS().toString(16));
  }
}

package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VaultConnectionTest {
  static final URI VAULT = URI.create("https://vault.example:8200");

  static VaultConnection connection(String namespace, AtomicReference<String> token) {
    return new VaultConnection(VAULT, namespace, Optional.empty(), token::get, Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(strings = {"s.token\n", "s.token\r\n", "  s.token\t", "\ns.token\n\n", "s.token"})
  void the_token_loses_surrounding_whitespace_and_line_breaks(String stored) {
    assertThat(connection(null, new AtomicReference<>(stored)).currentToken()).isEqualTo("s.token");
  }

  @Test
  void the_token_is_asked_for_on_every_call() {
    AtomicReference<String> token = new AtomicReference<>("first");
    VaultConnection c = connection(null, token);
    assertThat(c.currentToken()).isEqualTo("first");
    token.set("second\n");
    assertThat(c.currentToken()).isEqualTo("second");
  }

  @Test
  void a_missing_token_is_empty() {
    assertThat(connection(null, new AtomicReference<>(null)).currentToken()).isEmpty();
  }

  @Test
  void a_blank_namespace_is_no_namespace() {
    assertThat(connection("  ", new AtomicReference<>("t")).namespace()).isNull();
    assertThat(connection(" team-a/ ", new AtomicReference<>("t")).namespace()).isEqualTo("team-a/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vault:8200", "ftp://vault:21", "file:///etc/passwd", "https:///nohost"})
  void only_http_and_https_addresses_are_taken(String server) {
    assertThatThrownBy(() -> new VaultConnection(URI.create(server), null, Optional.empty(), () -> "t", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_timeout_must_be_positive() {
    assertThatThrownBy(() -> new VaultConnection(VAULT, null, Optional.empty(), () -> "t", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_address_shown_in_messages_has_no_user_info() {
    VaultConnection c = new VaultConnection(URI.create("https://admin:pa55@vault.example:8200/?x=1"), null, Optional.empty(), () -> "t",
        Duration.ofSeconds(1));
    assertThat(c.displayAddress()).isEqualTo("https://vault.example:8200/");
  }

  @Test
  void to_string_shows_neither_the_token_nor_the_ca_bundle() {
    VaultConnection c = new VaultConnection(VAULT, "ns", Optional.of("-----BEGIN CERTIFICATE-----PEMTEXT"), new java.util.function.Supplier<>() {
      @Override
      public String get() {
        return "s.secret-token";
      }

      @Override
      public String toString() {
        return "s.secret-token";
      }
    }, Duration.ofSeconds(1));
    assertThat(c.toString()).doesNotContain("s.secret-token").doesNotContain("PEMTEXT").contains("vault.example");
  }
}

package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.api.VaultProvider;
import io.secretgate.secrets.NoSecretException;
import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.SecretSourceException.Reason;
import io.secretgate.secrets.json.GoJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayKvApiTest {

  /** A gateway that answers one raw body or fails with one kind. */
  static VaultGateway answering(String raw, VaultFailure.Kind failure) {
    return new VaultGateway() {
      @Override
      public Optional<String> read(String apiPath, String version) throws VaultFailure {
        if (failure != null) throw new VaultFailure(failure, "GET " + apiPath + ": HTTP 503");
        return Optional.ofNullable(raw);
      }

      @Override
      public Optional<List<String>> list(String apiPath) throws VaultFailure {
        if (failure != null) throw new VaultFailure(failure, "LIST " + apiPath + ": HTTP 503");
        return Optional.of(List.of("a", "b/"));
      }

      @Override
      public Map<String, List<String>> capabilitiesSelf(List<String> paths) {
        throw new UnsupportedOperationException();
      }

      @Override
      public TokenInfo lookupSelf() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Health health() {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void a_read_keeps_number_literals_exactly_as_vault_sent_them() throws Exception {
    GatewayKvApi kv = new GatewayKvApi(answering("{\"data\":{\"ratio\":1.50,\"n\":10}}", null));
    assertThat(GoJson.marshal(kv.read("secret/data/app", null).orElseThrow())).isEqualTo("{\"data\":{\"n\":10,\"ratio\":1.50}}");
    assertThat(new GatewayKvApi(answering(null, null)).read("secret/data/gone", null)).isEmpty();
  }

  @Test
  void each_vault_failure_kind_maps_to_one_source_reason() {
    Map<VaultFailure.Kind, Reason> expected = Map.of(
        VaultFailure.Kind.NOT_FOUND, Reason.NOT_FOUND, VaultFailure.Kind.PERMISSION_DENIED, Reason.PERMISSION_DENIED,
        VaultFailure.Kind.SEALED, Reason.UNAVAILABLE, VaultFailure.Kind.UNAVAILABLE, Reason.UNAVAILABLE,
        VaultFailure.Kind.RATE_LIMITED, Reason.UNAVAILABLE, VaultFailure.Kind.BAD_RESPONSE, Reason.INVALID_RESPONSE);
    assertThat(expected.keySet()).containsExactlyInAnyOrder(VaultFailure.Kind.values());
    expected.forEach((kind, reason) -> assertThatThrownBy(() -> new GatewayKvApi(answering(null, kind)).read("secret/data/app", null))
        .isInstanceOfSatisfying(KvApiException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageStartingWith("GET secret/data/app"));
  }

  @Test
  void read_through_the_source_a_vault_failure_says_cannot_read_once_then_what_vault_said() {
    KvSecretSource source = new KvSecretSource(new GatewayKvApi(answering(null, VaultFailure.Kind.PERMISSION_DENIED)),
        KvSecretSourceTest.store("secret", io.secretgate.api.VaultProvider.KvVersion.v2));
    assertThatThrownBy(() -> source.getSecret(KvSecretSourceTest.ref("app")))
        .hasMessage("cannot read secret data from Vault: GET secret/data/app: HTTP 503");
  }

  @Test
  void a_404_with_only_a_warning_is_esos_missing_data_field_error_on_kv_v2_and_no_secret_on_kv_v1() {
    // e.g. a store path that is below the KV v2 mount (secret/team-a): Vault answers 404, data null, a warning
    GatewayKvApi warningOnly = new GatewayKvApi(answering("null", null));
    KvSecretSource v2 = new KvSecretSource(warningOnly, KvSecretSourceTest.store("secret/team-a", VaultProvider.KvVersion.v2));
    assertThatThrownBy(() -> v2.getSecret(KvSecretSourceTest.ref("db")))
        .isInstanceOfSatisfying(SecretSourceException.class, e -> {
          assertThat(e).isNotInstanceOf(NoSecretException.class);
          assertThat(e.reason()).isEqualTo(Reason.INVALID_RESPONSE);
        })
        .hasMessage("failed to find data field");
    KvSecretSource v1 = new KvSecretSource(warningOnly, KvSecretSourceTest.store("kv", VaultProvider.KvVersion.v1));
    assertThatThrownBy(() -> v1.getSecret(KvSecretSourceTest.ref("db"))).isInstanceOf(NoSecretException.class);
  }

  @Test
  void an_answer_that_is_not_json_is_an_invalid_response() {
    assertThatThrownBy(() -> new GatewayKvApi(answering("{not json", null)).read("secret/data/app", null))
        .isInstanceOfSatisfying(KvApiException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_RESPONSE));
  }
}

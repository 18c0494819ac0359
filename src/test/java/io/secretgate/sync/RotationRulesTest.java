package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ExternalSecret;
import io.secretgate.api.RefreshPolicy;
import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.StoreKind;
import io.secretgate.kube.TokenSecretWatch.Ref;
import io.secretgate.validation.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The pure rules behind rotation: requested resyncs, which token Secret a store uses, which ExternalSecrets use a store, expiry. */
class RotationRulesTest {
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void a_requested_resync_syncs_now_even_when_no_refresh_is_due_or_the_interval_is_zero() {
    var waiting = inputs(RefreshPolicy.Periodic, Duration.ofHours(1));
    assertThat(RefreshSchedule.decide(waiting, NOW)).isInstanceOf(RefreshSchedule.Decision.WaitUntil.class);
    assertThat(RefreshSchedule.requested(waiting, NOW)).isEqualTo(new RefreshSchedule.Decision.SyncNow(RefreshSchedule.Cause.REQUESTED));
    var once = inputs(RefreshPolicy.Periodic, Duration.ZERO);
    assertThat(RefreshSchedule.requested(once, NOW)).isEqualTo(new RefreshSchedule.Decision.SyncNow(RefreshSchedule.Cause.REQUESTED));
    assertThat(RefreshSchedule.Cause.REQUESTED.wantsFreshRead()).isFalse();
  }

  @Test
  void a_requested_resync_leaves_created_once_alone() {
    var createdOnce = inputs(RefreshPolicy.CreatedOnce, Duration.ofHours(1));
    assertThat(RefreshSchedule.requested(createdOnce, NOW)).isInstanceOf(RefreshSchedule.Decision.UntilChanged.class);
  }

  @Test
  void a_secret_store_token_lives_in_its_namespace_a_cluster_store_token_where_its_ref_says() {
    assertThat(TokenRotation.tokenSecret(store(StoreKind.SecretStore, "payments", "{name: vault-token, key: token}")))
        .contains(new Ref("payments", "vault-token"));
    assertThat(TokenRotation.tokenSecret(store(StoreKind.ClusterSecretStore, null, "{name: vault-token, key: token, namespace: secretgate}")))
        .contains(new Ref("secretgate", "vault-token"));
  }

  @Test
  void referent_auth_and_other_auth_methods_have_no_one_token_secret_to_watch() {
    assertThat(TokenRotation.tokenSecret(store(StoreKind.ClusterSecretStore, null, "{name: vault-token, key: token}"))).isEmpty();
    Store appRole = new Store(StoreKind.SecretStore, "vault", "payments", YAML.readValue("""
        provider: {vault: {server: "https://vault:8200", auth: {appRole: {path: approle, roleId: r}}}}
        """, SecretStoreSpec.class));
    assertThat(TokenRotation.tokenSecret(appRole)).isEmpty();
  }

  @Test
  void an_external_secret_uses_a_store_through_its_store_ref_or_an_entrys_source_ref_in_the_right_namespace() {
    ExternalSecret es = RotationFixtures.externalSecret("db", "1h", "apps/db");
    Store cluster = store(StoreKind.ClusterSecretStore, null, "{name: t, key: token, namespace: secretgate}");
    assertThat(TokenRotation.uses(es, cluster)).isTrue();
    assertThat(TokenRotation.uses(es, new Store(StoreKind.ClusterSecretStore, "other", null, cluster.spec()))).isFalse();
    ExternalSecret viaSource = YAML.readValue("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: mixed, namespace: payments}
        spec:
          secretStoreRef: {kind: ClusterSecretStore, name: vault-backend}
          data:
            - secretKey: local
              remoteRef: {key: apps/local}
              sourceRef: {storeRef: {name: team-vault}}
        """, ExternalSecret.class);
    Store local = new Store(StoreKind.SecretStore, "team-vault", "payments", cluster.spec());
    assertThat(TokenRotation.uses(viaSource, local)).isTrue();
    assertThat(TokenRotation.uses(viaSource, new Store(StoreKind.SecretStore, "team-vault", "shop", cluster.spec()))).isFalse();
  }

  @Test
  void a_token_expires_soon_when_its_ttl_is_positive_and_below_the_warning() {
    Duration day = Duration.ofHours(24);
    assertThat(TokenExpiryWarnings.expiresWithin(3600, day)).isTrue();
    assertThat(TokenExpiryWarnings.expiresWithin(0, day)).as("ttl 0 never expires").isFalse();
    assertThat(TokenExpiryWarnings.expiresWithin(24 * 3600, day)).isFalse();
    assertThat(TokenExpiryWarnings.expiresWithin(3600, Duration.ZERO)).as("warning off").isFalse();
  }

  @Test
  void durations_read_as_go_prints_them() {
    assertThat(TokenExpiryWarnings.goText(Duration.ofHours(24))).isEqualTo("24h0m0s");
    assertThat(TokenExpiryWarnings.goText(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
    assertThat(TokenExpiryWarnings.goText(Duration.ofSeconds(300))).isEqualTo("5m0s");
    assertThat(TokenExpiryWarnings.goText(Duration.ofSeconds(42))).isEqualTo("42s");
  }

  private static RefreshSchedule.Inputs inputs(RefreshPolicy policy, Duration interval) {
    return new RefreshSchedule.Inputs(policy, interval, Optional.of(NOW.minusSeconds(60)), false, true);
  }

  private static Store store(StoreKind kind, String namespace, String tokenRef) {
    SecretStoreSpec spec = YAML.readValue("provider: {vault: {server: \"https://vault:8200\", auth: {tokenSecretRef: " + tokenRef + "}}}",
        SecretStoreSpec.class);
    return new Store(kind, "vault-backend", namespace, spec);
  }
}

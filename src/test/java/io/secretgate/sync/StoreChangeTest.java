package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.SecretStore;
import io.secretgate.sync.StoreChange.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

class StoreChangeTest {
  static final YAMLMapper YAML = YAMLMapper.builder().build();

  static final String SPEC = """
      provider:
        vault:
          server: https://vault.example:8200
          path: secret
          auth:
            tokenSecretRef: {name: vault-token, key: token, namespace: secretgate}
      conditions:
        - namespaceSelector: {matchLabels: {team: payments, tier: prod}}
      """;

  @Test
  void the_same_store_again_as_after_a_resync_or_a_relist_asks_for_nothing() {
    assertThat(StoreChange.ofUpdate(store(SPEC, "True", "store validated"), store(SPEC, "True", "store validated"))).isEqualTo(StoreChange.NONE);
  }

  @Test
  void a_status_write_that_keeps_the_store_ready_asks_for_nothing() {
    ClusterSecretStore before = store(SPEC, "True", "store validated");
    ClusterSecretStore after = store(SPEC, "True", "store validated; its Vault token expires within 24h0m0s: update the token Secret");
    after.getStatus().conditions.get(0).lastTransitionTime = "2026-01-02T03:04:05Z";

    assertThat(StoreChange.ofUpdate(before, after)).isEqualTo(StoreChange.NONE);
  }

  @Test
  void new_metadata_alone_asks_for_nothing_even_when_the_generation_moves() {
    ClusterSecretStore before = store(SPEC, "True", "store validated");
    ClusterSecretStore after = store(SPEC, "True", "store validated");
    after.getMetadata().setLabels(java.util.Map.of("touched", "yes"));
    after.getMetadata().setResourceVersion("42");
    after.getMetadata().setGeneration(7L);

    assertThat(StoreChange.ofUpdate(before, after)).isEqualTo(StoreChange.NONE);
  }

  @Test
  void the_same_spec_written_with_its_keys_in_another_order_is_unchanged() {
    String reordered = """
        conditions:
          - namespaceSelector: {matchLabels: {tier: prod, team: payments}}
        provider:
          vault:
            auth:
              tokenSecretRef: {namespace: secretgate, key: token, name: vault-token}
            path: secret
            server: https://vault.example:8200
        """;

    assertThat(StoreChange.ofUpdate(store(SPEC, "True", "ok"), store(reordered, "True", "ok"))).isEqualTo(StoreChange.NONE);
  }

  @Test
  void a_changed_spec_is_a_spec_change() {
    assertThat(StoreChange.ofUpdate(store(SPEC, "True", "ok"), store(SPEC.replace("path: secret", "path: kv"), "True", "ok")))
        .isEqualTo(StoreChange.SPEC_CHANGED);
  }

  @Test
  void a_change_deep_in_the_spec_counts_as_a_spec_change() {
    ClusterSecretStore after = store(SPEC.replace("tier: prod", "tier: staging"), "True", "ok");

    assertThat(StoreChange.ofUpdate(store(SPEC, "True", "ok"), after)).isEqualTo(StoreChange.SPEC_CHANGED);
  }

  @Test
  void a_spec_change_that_also_flips_readiness_is_a_spec_change() {
    assertThat(StoreChange.ofUpdate(store(SPEC, "False", "unable to validate store"), store(SPEC.replace("path: secret", "path: kv"), "True", "ok")))
        .isEqualTo(StoreChange.SPEC_CHANGED);
  }

  @Test
  void a_store_turning_ready_is_a_readiness_change() {
    assertThat(StoreChange.ofUpdate(store(SPEC, "False", "unable to validate store"), store(SPEC, "True", "store validated")))
        .isEqualTo(StoreChange.READINESS_CHANGED);
  }

  @Test
  void a_store_turning_not_ready_and_its_first_status_are_readiness_changes_too() {
    assertThat(StoreChange.ofUpdate(store(SPEC, "True", "ok"), store(SPEC, "False", "unable to create client"))).isEqualTo(StoreChange.READINESS_CHANGED);
    assertThat(StoreChange.ofUpdate(store(SPEC, null, null), store(SPEC, "True", "store validated"))).isEqualTo(StoreChange.READINESS_CHANGED);
  }

  @Test
  void namespaced_stores_are_compared_the_same_way() {
    assertThat(StoreChange.ofUpdate(secretStore(SPEC, "True"), secretStore(SPEC, "True"))).isEqualTo(StoreChange.NONE);
    assertThat(StoreChange.ofUpdate(secretStore(SPEC, "True"), secretStore(SPEC.replace("vault.example", "vault-2.example"), "True")))
        .isEqualTo(StoreChange.SPEC_CHANGED);
  }

  @ParameterizedTest(name = "{0}: check the store {1}, re-target token watches {2}, its ExternalSecrets {3}")
  @CsvSource({
    // a new store is checked, its token Secret watched, and the ExternalSecrets waiting for it sync
    "ADDED,             true,  true,  ENQUEUE",
    // a deleted store is not checked; its token watch goes; its ExternalSecrets sync to report it missing
    "DELETED,           false, true,  ENQUEUE",
    // a new spec may point elsewhere: check it, watch the token Secret it names, sync its ExternalSecrets due or not
    "SPEC_CHANGED,      true,  true,  RESYNC",
    // the check wrote this status: do not repeat it; ExternalSecrets that failed on the store may now sync
    "READINESS_CHANGED, false, false, ENQUEUE",
    // the controller's own status writes, resyncs, relists
    "NONE,              false, false, NONE"
  })
  void each_change_asks_for_exactly_its_check_token_watches_and_syncs(StoreChange change, boolean check, boolean retargetTokens, Users users) {
    assertThat(change.check()).isEqualTo(check);
    assertThat(change.retargetTokens()).isEqualTo(retargetTokens);
    assertThat(change.users()).isEqualTo(users);
  }

  /** ClusterSecretStore vault-backend with {@code spec}; a Ready condition when {@code ready} is not null. */
  private static ClusterSecretStore store(String spec, String ready, String message) {
    return YAML.readValue(manifest("ClusterSecretStore", "{name: vault-backend}", spec, ready, message), ClusterSecretStore.class);
  }

  private static SecretStore secretStore(String spec, String ready) {
    return YAML.readValue(manifest("SecretStore", "{name: team-vault, namespace: payments}", spec, ready, "ok"), SecretStore.class);
  }

  private static String manifest(String kind, String metadata, String spec, String ready, String message) {
    String status = ready == null ? "" : """
        status:
          capabilities: ReadWrite
          conditions:
            - {type: Ready, status: "%s", reason: Valid, message: "%s", lastTransitionTime: "2026-01-01T00:00:00Z"}
        """.formatted(ready, message);
    return "apiVersion: external-secrets.io/v1\nkind: " + kind + "\nmetadata: " + metadata + "\nspec:\n" + spec.indent(2) + status;
  }
}

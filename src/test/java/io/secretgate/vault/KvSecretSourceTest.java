package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.api.Find;
import io.secretgate.api.FindName;
import io.secretgate.api.MetadataPolicy;
import io.secretgate.api.RemoteRef;
import io.secretgate.api.VaultProvider;
import io.secretgate.api.VaultProvider.KvVersion;
import io.secretgate.secrets.NoSecretException;
import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.SecretSourceException.Reason;
import io.secretgate.secrets.json.GoJson;
import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvSecretSourceTest {
  private RecordingKvApi api;
  private KvSecretSource source;

  @BeforeEach
  void setUp() throws Exception {
    api = new RecordingKvApi(StaticKvApi.of(JsonParser.parse(resource("kv-v2.json"))));
    source = new KvSecretSource(api, store("secret", KvVersion.v2));
  }

  @Test
  void a_kv_v2_read_unwraps_data_data_from_the_mapped_path() throws Exception {
    JsonObject secret = source.getSecret(ref("app"));
    assertThat(GoJson.marshal(secret)).isEqualTo("{\"password\":\"s3cr3t\",\"user\":\"app\"}");
    assertThat(api.calls).containsExactly("GET secret/data/app");
  }

  @Test
  void a_key_with_the_mount_prefix_reads_the_same_path() throws Exception {
    source.getSecret(ref("secret/app"));
    source.getSecret(ref("secret/data/app"));
    assertThat(api.calls).containsExactly("GET secret/data/app", "GET secret/data/app");
  }

  @Test
  void a_version_is_sent_as_the_version_parameter_on_kv_v2() throws Exception {
    RemoteRef ref = ref("app");
    ref.version = "1";
    assertThat(GoJson.marshal(source.getSecret(ref))).contains("\"old\"");
    assertThat(api.calls).containsExactly("GET secret/data/app?version=1");
  }

  @Test
  void a_404_is_esos_no_secret_error() {
    assertThatThrownBy(() -> source.getSecret(ref("missing")))
        .isInstanceOf(NoSecretException.class)
        .hasMessage("Secret does not exist");
  }

  @Test
  void a_soft_deleted_or_destroyed_version_is_esos_no_secret_error() {
    assertThatThrownBy(() -> source.getSecret(ref("gone"))).isInstanceOf(NoSecretException.class);
  }

  @Test
  void a_kv_v2_answer_without_data_or_with_non_object_data_is_esos_shape_error() {
    assertThatThrownBy(() -> source.getSecret(ref("broken")))
        .isInstanceOfSatisfying(SecretSourceException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_RESPONSE))
        .hasMessage("failed to find data field");
    assertThatThrownBy(() -> source.getSecret(ref("weird"))).hasMessage("failed to unmarshall JSON");
  }

  @Test
  void a_vault_failure_is_wrapped_in_esos_read_error_and_keeps_its_reason() {
    api.failing("secret/data/app", Reason.PERMISSION_DENIED, "Error making API request. Code: 403. Errors: * permission denied");
    assertThatThrownBy(() -> source.getSecret(ref("app")))
        .isInstanceOfSatisfying(SecretSourceException.class, e -> {
          assertThat(e).isNotInstanceOf(NoSecretException.class);
          assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
        })
        .hasMessage("cannot read secret data from Vault: Error making API request. Code: 403. Errors: * permission denied");
  }

  @Test
  void kv_v1_reads_the_secret_itself_and_ignores_the_version() throws Exception {
    KvApi v1 = StaticKvApi.of(JsonParser.parse("{\"kv/app\": {\"user\": \"app\"}}"));
    RecordingKvApi rec = new RecordingKvApi(v1);
    RemoteRef ref = ref("app");
    ref.version = "3";
    assertThat(GoJson.marshal(new KvSecretSource(rec, store("kv", KvVersion.v1)).getSecret(ref))).isEqualTo("{\"user\":\"app\"}");
    assertThat(rec.calls).containsExactly("GET kv/app");
  }

  @Test
  void metadata_fetch_returns_system_keys_and_custom_metadata_as_strings_with_custom_winning() throws Exception {
    RemoteRef ref = ref("app");
    ref.metadataPolicy = MetadataPolicy.Fetch;
    JsonObject meta = source.getSecret(ref);
    assertThat(GoJson.marshal(meta)).isEqualTo(
        "{\"created_time\":\"2026-01-01T00:00:00.000000Z\",\"current_version\":\"custom-wins\","
            + "\"delete_version_after\":\"0s\",\"owner\":\"team-a\"}");
    assertThat(api.calls).containsExactly("GET secret/metadata/app");
  }

  @Test
  void metadata_fetch_of_a_missing_secret_is_a_plain_not_found_error_not_no_secret() {
    RemoteRef ref = ref("missing");
    ref.metadataPolicy = MetadataPolicy.Fetch;
    assertThatThrownBy(() -> source.getSecret(ref))
        .isInstanceOf(SecretSourceException.class)
        .isNotInstanceOf(NoSecretException.class)
        .hasMessage("secret not found");
  }

  @Test
  void metadata_fetch_on_kv_v1_is_refused_with_esos_message() {
    RemoteRef ref = ref("app");
    ref.metadataPolicy = MetadataPolicy.Fetch;
    KvSecretSource v1 = new KvSecretSource(api, store("kv", KvVersion.v1));
    assertThatThrownBy(() -> v1.getSecret(ref)).hasMessage("cannot perform metadata fetch operations with kv version v1");
    assertThat(api.calls).isEmpty();
  }

  @Test
  void find_by_name_lists_each_folder_once_matches_unanchored_and_skips_vanished_secrets() throws Exception {
    Find find = new Find();
    find.name = new FindName();
    find.name.regexp = "db";
    find.tags = Map.of("env", "ignored-when-name-is-set");
    Map<String, JsonObject> found = source.findSecrets(find);
    assertThat(found.keySet()).containsExactly("prod/db-main", "prod/db-replica", "prod/deep/db-x");
    assertThat(api.calls).filteredOn(c -> c.startsWith("LIST"))
        .containsExactly("LIST secret/metadata/", "LIST secret/metadata/prod/", "LIST secret/metadata/prod/deep/");
    assertThat(api.calls).noneMatch(c -> c.contains("/metadata/prod/db"));
  }

  @Test
  void find_with_a_path_keeps_the_path_in_the_result_keys() throws Exception {
    Find find = new Find();
    find.path = "prod";
    find.name = new FindName();
    find.name.regexp = "^prod/db-";
    assertThat(source.findSecrets(find).keySet()).containsExactly("prod/db-main", "prod/db-replica");
    assertThat(api.calls).first().isEqualTo("LIST secret/metadata/prod/");
  }

  @Test
  void find_by_tags_requires_every_tag_in_the_metadata() throws Exception {
    Find find = new Find();
    find.tags = Map.of("env", "prod", "tier", "db");
    Map<String, JsonObject> found = source.findSecrets(find);
    assertThat(found.keySet()).containsExactly("prod/db-main", "prod/cache");
    assertThat(api.calls).contains("GET secret/metadata/prod/db-main", "GET secret/metadata/stale", "GET secret/data/stale");
  }

  @Test
  void find_of_a_folder_that_does_not_exist_is_no_secret() {
    Find find = new Find();
    find.path = "nowhere";
    assertThatThrownBy(() -> source.findSecrets(find)).isInstanceOf(NoSecretException.class);
  }

  @Test
  void find_by_tags_on_kv_v1_is_refused_with_esos_message() {
    Find find = new Find();
    find.tags = Map.of("a", "b");
    assertThatThrownBy(() -> new KvSecretSource(api, store("kv", KvVersion.v1)).findSecrets(find))
        .hasMessage("cannot perform find by tag operations with kv version v1");
  }

  @Test
  void find_without_a_store_path_cannot_run() {
    Find find = new Find();
    find.name = new FindName();
    find.name.regexp = ".*";
    assertThatThrownBy(() -> new KvSecretSource(api, store(null, KvVersion.v2)).findSecrets(find))
        .hasMessageStartingWith("provided Path isn't a valid kv v2 path: find lists under the store's spec.provider.vault.path");
  }

  @Test
  void a_find_regexp_go_would_not_compile_is_reported_with_esos_prefix() {
    Find find = new Find();
    find.name = new FindName();
    find.name.regexp = "(db";
    assertThatThrownBy(() -> source.findSecrets(find)).hasMessageStartingWith("could not compile find.name.regexp [(db]: error parsing regexp: ");
  }

  static RemoteRef ref(String key) {
    RemoteRef r = new RemoteRef();
    r.key = key;
    return r;
  }

  static VaultProvider store(String path, KvVersion version) {
    VaultProvider p = new VaultProvider();
    p.server = "https://vault.example:8200";
    p.path = path;
    p.version = version;
    return p;
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = KvSecretSourceTest.class.getResourceAsStream("/io/secretgate/vault/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

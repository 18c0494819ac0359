package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

class StaticKvApiTest {

  @Test
  void paths_are_matched_after_vaults_cleaning_and_an_optional_v1_prefix() throws Exception {
    StaticKvApi api = StaticKvApi.of(JsonParser.parse("{\"/v1/secret/data/a\": {\"data\": {}}, \"secret//data/b/\": {\"keys\": [\"x\"]}}"));
    assertThat(api.read("secret/data/a")).containsInstanceOf(JsonObject.class);
    assertThat(api.list("secret/data/b/")).contains(java.util.List.of("x"));
  }

  @Test
  void null_and_absent_paths_are_404s() throws Exception {
    StaticKvApi api = StaticKvApi.of(JsonParser.parse("{\"secret/data/a\": null, \"secret/metadata/\": null}"));
    assertThat(api.read("secret/data/a")).isEmpty();
    assertThat(api.read("secret/data/other")).isEmpty();
    assertThat(api.list("secret/metadata/")).isEmpty();
  }

  @Test
  void a_version_is_a_separate_entry() throws Exception {
    StaticKvApi api = StaticKvApi.of(JsonParser.parse("{\"secret/data/a\": {\"data\": {}}}"));
    assertThat(api.read("secret/data/a", "2")).isEmpty();
  }

  @Test
  void a_list_entry_of_the_wrong_shape_is_refused_naming_the_path() {
    assertThatThrownBy(() -> StaticKvApi.of(JsonParser.parse("{\"secret/metadata/\": {\"keys\": [1]}}")))
        .hasMessage("\"secret/metadata/\": \"keys\" must be an array of strings");
    assertThatThrownBy(() -> StaticKvApi.of(JsonParser.parse("[]"))).hasMessageContaining("JSON object");
  }
}

package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.api.VaultProvider;
import io.secretgate.api.VaultProvider.KvVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ESO's key-to-path rules, quirks included, from the table in kv-path-mapping.tsv. */
class KvPathMappingTest {

  static Stream<Arguments> rows() throws IOException {
    try (InputStream in = KvPathMappingTest.class.getResourceAsStream("kv-path-mapping.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\n"))
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t"))
          .map(c -> Arguments.of(c[0], c[1], c[2], c[3], c[4]))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0} path={1} key={2} reads {3}")
  @MethodSource("rows")
  void a_key_maps_to_the_data_and_metadata_paths_ESO_uses(String version, String mount, String key, String data, String metadata) {
    VaultProvider store = store(version, mount);
    assertThat(KvPaths.dataPath(store, key)).isEqualTo(data);
    if (metadata.startsWith("!")) {
      assertThatThrownBy(() -> KvPaths.metadataPath(store, key)).isInstanceOf(KvPathException.class).hasMessage(metadata.substring(1));
    } else {
      assertThat(KvPaths.metadataPath(store, key)).isEqualTo(metadata);
    }
  }

  @Test
  void find_lists_the_metadata_folder_with_a_trailing_slash() {
    assertThat(KvPaths.findListPath(store("v2", "secret"), "apps/payments")).isEqualTo("secret/metadata/apps/payments/");
    assertThat(KvPaths.findListPath(store("v2", "secret"), null)).isEqualTo("secret/metadata/");
    assertThat(KvPaths.findListPath(store("v1", "kv"), "apps")).isEqualTo("kv/apps/");
  }

  @Test
  void find_without_a_store_path_is_refused_with_ESOs_message_then_the_field_on_v2_and_the_field_alone_on_v1() {
    assertThatThrownBy(() -> KvPaths.findListPath(store("v2", "-"), "apps")).isInstanceOf(KvPathException.class)
        .hasMessage("provided Path isn't a valid kv v2 path: find lists under the store's spec.provider.vault.path (the KV mount), which it does not set");
    assertThatThrownBy(() -> KvPaths.findListPath(store("v1", "-"), "apps")).isInstanceOf(KvPathException.class)
        .hasMessage("find lists under the store's spec.provider.vault.path (the KV mount), which it does not set");
  }

  @Test
  void cleaning_follows_go_path_join() {
    assertThat(KvPaths.clean("/a//b/./c/../d/")).isEqualTo("a/b/d");
    assertThat(KvPaths.clean("../a")).isEqualTo("a");
  }

  @Test
  void cleaning_keeps_segments_that_only_start_with_dots_and_drops_every_empty_dot_or_dot_dot_one() {
    assertThat(KvPaths.clean("secret/data/.hidden/..x/a.b")).isEqualTo("secret/data/.hidden/..x/a.b");
    assertThat(KvPaths.clean("secret/data/app")).isEqualTo("secret/data/app");
    assertThat(KvPaths.clean("secret/data/app/")).isEqualTo("secret/data/app");
    assertThat(KvPaths.clean("secret//data/app")).isEqualTo("secret/data/app");
    assertThat(KvPaths.clean("secret/data/.")).isEqualTo("secret/data");
    assertThat(KvPaths.clean("secret/data/app/..")).isEqualTo("secret/data");
    assertThat(KvPaths.clean(".")).isEmpty();
    assertThat(KvPaths.clean("")).isEmpty();
    assertThat(KvPaths.clean("/")).isEmpty();
  }

  private static VaultProvider store(String version, String mount) {
    VaultProvider v = new VaultProvider();
    v.version = KvVersion.valueOf(version);
    v.path = mount.equals("-") ? null : mount.equals("\"\"") ? "" : mount;
    return v;
  }
}

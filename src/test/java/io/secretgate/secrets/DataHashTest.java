package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ESO's hash vectors (eso-facts §4.2). */
class DataHashTest {

  @Test
  void two_keys_hash_to_esos_vector() {
    Map<String, byte[]> data = new LinkedHashMap<>();
    data.put("foo", bytes("value1"));
    data.put("bar", bytes("value2"));
    assertThat(DataHash.ofData(data)).isEqualTo("1bed8bcbcb4547ffe19a19cd47d9078e84aa6598266d86b99f992d64");
  }

  @Test
  void empty_data_hashes_to_esos_vector() {
    assertThat(DataHash.ofData(Map.of())).isEqualTo("74a974446e359fb3e6baff9bd0058950e6edd0f040888d9989b0a11b");
  }

  @Test
  void a_single_password_hashes_to_esos_vector() {
    assertThat(DataHash.ofData(Map.of("password", bytes("s3cr3t"))))
        .isEqualTo("32624ec2bbb01c19a38546e9e3c9996bce3ad67744c9550874b627b9");
  }

  @Test
  void the_created_by_label_hashes_namespace_slash_name() {
    assertThat(DataHash.createdBy("payments", "db-credentials"))
        .isEqualTo("087e7a87eb112a8281066a6c23deb3171f40b13b9a5468bc22e9b72a");
  }

  @Test
  void the_hashed_text_is_gos_percent_plus_v_with_decimal_bytes_and_sorted_keys() {
    Map<String, byte[]> data = new LinkedHashMap<>();
    data.put("b", new byte[] {(byte) 0xff, 0});
    data.put("a", new byte[0]);
    assertThat(DataHash.goPrint(data)).isEqualTo("map[a:[] b:[255 0]]");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

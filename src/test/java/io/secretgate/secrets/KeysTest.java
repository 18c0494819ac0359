package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.api.ConversionStrategy;
import io.secretgate.api.NullBytePolicy;
import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Key conversion ({@code values/conversion.json}), key validation and the null-byte policy. */
class KeysTest {

  static Stream<Arguments> conversions() {
    JsonArray cases = (JsonArray) ((JsonObject) Fixtures.json("values/conversion.json")).get("cases");
    return cases.elements().stream().map(c -> {
      JsonObject o = (JsonObject) c;
      return Arguments.of(str(o, "strategy"), str(o, "in"), str(o, "out"));
    });
  }

  @ParameterizedTest(name = "{0} converts \"{1}\" to \"{2}\"")
  @MethodSource("conversions")
  void conversion_replaces_runes_outside_letters_numbers_and_dash_dot_underscore(String strategy, String in, String out) {
    assertThat(KeyConversion.convert(ConversionStrategy.valueOf(strategy), in)).isEqualTo(out);
  }

  @Test
  void two_keys_converting_to_the_same_key_are_an_error() {
    Map<String, byte[]> in = Map.of("a/b", new byte[0], "a_b", new byte[0]);
    assertThatThrownBy(() -> KeyConversion.convertKeys(ConversionStrategy.Default, in))
        .hasMessage("secret name collision during conversion: a_b");
  }

  @Test
  void validation_drops_empty_keys_and_keeps_valid_ones() throws Exception {
    Map<String, byte[]> in = new LinkedHashMap<>();
    in.put("", "x".getBytes());
    in.put("ok-key.1_x", "y".getBytes());
    in.put("日本", "z".getBytes());
    assertThat(KeyValidation.validate(in).keySet()).containsExactly("ok-key.1_x", "日本");
  }

  @Test
  void validation_rejects_an_invalid_character_naming_it_and_the_key() {
    assertThatThrownBy(() -> KeyValidation.validate(Map.of("a/b", new byte[0])))
        .hasMessage("key has invalid character /, only alphanumeric, '-', '.' and '_' are allowed: a/b");
  }

  @Test
  void validation_rejects_keys_longer_than_253_bytes() {
    String key = "é".repeat(127); // 254 bytes
    assertThatThrownBy(() -> KeyValidation.validate(Map.of(key, new byte[0])))
        .hasMessageStartingWith("key has length 254 but max is 253: (following is truncated): ");
    assertThat(sneakyValidate("a".repeat(253))).containsKey("a".repeat(253));
  }

  @Test
  void null_bytes_fail_only_with_policy_fail_and_the_first_key_in_order_is_named() throws Exception {
    Map<String, byte[]> in = Map.of("zeta", new byte[] {'A', 0}, "alpha", new byte[] {'C', 0, 'D'}, "safe", "v".getBytes());
    NullBytes.check(NullBytePolicy.Ignore, in);
    assertThatThrownBy(() -> NullBytes.check(NullBytePolicy.Fail, in))
        .hasMessage("fetched secret value for key \"alpha\" contains null bytes");
    NullBytes.check(NullBytePolicy.Fail, Map.of("safe", "v".getBytes()));
  }

  private static Map<String, byte[]> sneakyValidate(String key) {
    try {
      return KeyValidation.validate(Map.of(key, new byte[0]));
    } catch (SyncError e) {
      throw new AssertionError(e.getMessage());
    }
  }

  private static String str(JsonObject o, String f) {
    return ((JsonString) o.get(f)).value();
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "pässword|a Secret key may hold only ASCII letters, digits, '-', '_' and '.'",
      "Ⅻ|a Secret key may hold only ASCII letters, digits, '-', '_' and '.'",
      ".|a Secret key must not be '.'",
      "..|a Secret key must not be '..'",
      "..data|a Secret key must not start with '..'"})
  void keys_eso_lets_through_but_the_api_server_refuses_are_named_with_the_reason(String key, String why) {
    assertThat(KeyValidation.apiServerRefusal(Map.of("ok", new byte[0], key, new byte[0])))
        .contains("the Kubernetes API server would refuse data key \"" + key + "\": " + why);
  }

  @Test
  void keys_the_api_server_accepts_pass() {
    assertThat(KeyValidation.apiServerRefusal(Map.of("user.name", new byte[0], "API_KEY-2", new byte[0], ".hidden", new byte[0]))).isEmpty();
  }
}

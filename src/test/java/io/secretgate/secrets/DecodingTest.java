package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.api.DecodingStrategy;
import io.secretgate.secrets.json.JsonValue.JsonArray;
import io.secretgate.secrets.json.JsonValue.JsonObject;
import io.secretgate.secrets.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code decodingStrategy}, driven by {@code values/decoding.json}. */
class DecodingTest {

  static Stream<Arguments> cases() {
    JsonArray cases = (JsonArray) ((JsonObject) Fixtures.json("values/decoding.json")).get("cases");
    return cases.elements().stream().map(c -> {
      JsonObject o = (JsonObject) c;
      return Arguments.of(text(o, "strategy"), text(o, "in"), text(o, "out"), text(o, "error"));
    });
  }

  @ParameterizedTest(name = "{0} of \"{1}\" gives \"{2}\" / error \"{3}\"")
  @MethodSource("cases")
  void each_strategy_decodes_like_esos_go_code(String strategy, String in, String out, String error) {
    byte[] input = in.getBytes(StandardCharsets.UTF_8);
    DecodingStrategy s = DecodingStrategy.valueOf(strategy);
    if (error != null) {
      assertThatThrownBy(() -> Decoding.decode(s, input)).hasMessage(error);
    } else {
      assertThat(new String(sneaky(() -> Decoding.decode(s, input)), StandardCharsets.UTF_8)).isEqualTo(out);
    }
  }

  @Test
  void decoding_a_map_names_the_failing_key_and_not_its_value() {
    Map<String, byte[]> in = Map.of("good", "aGk=".getBytes(), "bad", "s3cr3t!".getBytes());
    assertThatThrownBy(() -> Decoding.decodeMap(DecodingStrategy.Base64, in))
        .hasMessage("failure decoding key bad: illegal base64 data at input byte 6")
        .hasMessageNotContaining("s3cr3t");
  }

  private static String text(JsonObject o, String field) {
    return o.get(field) instanceof JsonString s ? s.value() : null;
  }

  interface Call {
    byte[] run() throws Exception;
  }

  private static byte[] sneaky(Call c) {
    try {
      return c.run();
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e.getMessage(), e);
    }
  }
}

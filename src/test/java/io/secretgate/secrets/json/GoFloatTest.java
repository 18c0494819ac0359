package io.secretgate.secrets.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

  @ParameterizedTest(name = "FormatFloat({0}, 'f', -1, 64) = {1}")
  @CsvSource(delimiter = '|', value = {
      "1.50 | 1.5",
      "1e3 | 1000",
      "1e21 | 1000000000000000000000",
      "1e-7 | 0.0000001",
      "0.1 | 0.1",
      "0.30000000000000004 | 0.30000000000000004",
      "2e23 | 200000000000000000000000",
      "-2.5 | -2.5",
      "-0.0 | -0",
      "1e400 | +Inf",
      "9007199254740993 | 9007199254740992",
  })
  void format_f_is_the_shortest_round_trip_decimal_without_exponent(String literal, String expected) {
    assertThat(GoFloat.formatF(GoFloat.parse(literal))).isEqualTo(expected);
  }

  @Test
  void the_smallest_subnormal_is_written_with_all_its_zeros() {
    assertThat(GoFloat.formatF(5e-324)).isEqualTo("0." + "0".repeat(323) + "5");
  }

  @ParameterizedTest(name = "encoding/json writes {0} as {1}")
  @CsvSource(delimiter = '|', value = {
      "1e21 | 1e+21",
      "1.5e300 | 1.5e+300",
      "1e-7 | 1e-7",
      "1.25e-10 | 1.25e-10",
      "999999999999999999999 | 1e+21",
      "100000000000000000000 | 100000000000000000000",
      "0 | 0",
  })
  void json_encoding_switches_to_exponent_form_outside_1e_minus_6_to_1e21(String literal, String expected) {
    assertThat(GoFloat.formatJson(GoFloat.parse(literal))).isEqualTo(expected);
  }
}

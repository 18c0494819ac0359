package io.secretgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0} is {1} ns")
  @CsvSource({
    "0, 0", "0s, 0", "1h0m0s, 3600000000000", "1h, 3600000000000", "15m, 900000000000", "1.5s, 1500000000",
    "300ms, 300000000", "2us, 2000", "2µs, 2000", "2μs, 2000", "10ns, 10", "1h30m, 5400000000000",
    "-1m, -60000000000", "+5s, 5000000000", ".5s, 500000000", "1.s, 1000000000"
  })
  void go_durations_parse_to_the_same_length_as_in_go(String text, long nanos) {
    assertThat(GoDuration.parse(text)).contains(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "\"{0}\" is not a duration")
  @ValueSource(strings = {"", "1d", "1", "h", "1hm", "1..5s", "1 h", "one", "-", "5S"})
  void anything_go_refuses_is_refused(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" with a digit that is not ASCII is not a duration")
  @ValueSource(strings = {"\u0661h", "\uff11m", "1\u0660s", "1.\u0665s", "\u0967\u0966ms"}) // Arabic-Indic, fullwidth, Devanagari digits
  void only_ascii_digits_count_as_in_go(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }
}

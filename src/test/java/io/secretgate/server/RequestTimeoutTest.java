package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestTimeoutTest {
  @ParameterizedTest(name = "?timeout={0} gives {1} seconds")
  @CsvSource(nullValues = "none", value = {
      "5s, 5", "10s, 10", "1s, 1", "30s, 30",
      // what kube-apiserver never sends: the default, the API server's own when a configuration sets none
      "none, 10", "'', 10", "0s, 10", "31s, 10", "5, 10", "5m, 10", "1m30s, 10", "-5s, 10", "٥s, 10", "999s, 10"})
  void the_timeout_kube_apiserver_sends_in_whole_seconds_is_read_and_anything_else_is_the_default(String query, long seconds) {
    assertThat(RequestTimeout.of(query)).isEqualTo(Duration.ofSeconds(seconds));
  }
}

package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiPathsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "secret/data/app|secret/data/app",
      "secret/metadata/team/|secret/metadata/team/",
      "team-a/kv_1/data/x.y~z|team-a/kv_1/data/x.y~z",
      "secret/data/a+b=c;d,e:f@g!h$i&j'k(l)m*n|secret/data/a+b=c;d,e:f@g!h$i&j'k(l)m*n",
      "secret/data/with space|secret/data/with%20space",
      "secret/data/what?x=1|secret/data/what%3Fx=1",
      "secret/data/a#b|secret/data/a%23b",
      "secret/data/100%|secret/data/100%25",
      "secret/data/café|secret/data/caf%C3%A9",
      "secret/data/\"q\"|secret/data/%22q%22"})
  void what_a_uri_path_cannot_carry_is_percent_encoded_and_the_rest_is_kept(String path, String wire) {
    assertThat(ApiPaths.escape(path)).isEqualTo(wire);
  }
}

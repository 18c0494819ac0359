package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoRegexpTest {

  @ParameterizedTest(name = "ReplaceAllString(\"{0}\", /{1}/, \"{2}\") = \"{3}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "db-password | ^db- | '' | password",
      "db_user | (db)_(.*) | $2-$1 | user-db",
      "db_user | (db)_(.*) | ${2}x | userx",
      "db_user | (db)_(.*) | $2x | ''",
      "db_user | (?P<first>db)_(?P<rest>.*) | ${rest}.${first} | user.db",
      "cost | o | $$ | c$st",
      "abc | b | $ | a$c",
      "abc | b | ${ | a${c",
      "abc | b* | - | -a-c-",
      "abc | x* | - | -a-b-c-",
      "a.b.c | \\. | _ | a_b_c",
      "AbC | (?i)abc | x | x",
  })
  void replace_all_follows_gos_expansion_and_empty_match_rules(String src, String re, String template, String expected)
      throws Exception {
    assertThat(GoRegexp.compile(re).replaceAll(src, template)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "/{0}/ does not compile, as in Go")
  @ValueSource(strings = {"(a", "a(?=b)", "(a)\\1", "a++", "(?<!x)y", "(?>a)"})
  void patterns_re2_refuses_are_refused(String re) {
    assertThatThrownBy(() -> GoRegexp.compile(re))
        .isInstanceOf(GoRegexp.InvalidRegexpException.class)
        .hasMessageStartingWith("error parsing regexp: ");
  }

  @ParameterizedTest(name = "/{0}/ matches prod/db-main unanchored")
  @ValueSource(strings = {"db", "^prod/", "main$", "d.-m"})
  void matching_is_unanchored(String re) throws Exception {
    assertThat(GoRegexp.compile(re).matches("prod/db-main")).isTrue();
  }
}

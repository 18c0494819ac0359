package io.secretgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoRegexpTest {

  @ParameterizedTest(name = "{0} compiles in Go")
  @ValueSource(strings = {"db-.*", "^prod/", "(a|b)+", "[[:alpha:]]+", "x{2,3}", "\\\\1", "(?i)name", "a\\.b", "(?P<n>x)"})
  void patterns_go_accepts_are_accepted(String regex) {
    assertThat(GoRegexp.problem(regex)).isEmpty();
  }

  @ParameterizedTest(name = "{0} does not compile in Go")
  @ValueSource(strings = {"(?=x)", "(?!x)", "(?<=x)", "(?<!x)", "(a)\\1", "(?>x)", "a*+", "a++", "(", "[z-a]", "\\k<n>"})
  void patterns_go_refuses_are_refused(String regex) {
    assertThat(GoRegexp.problem(regex)).isPresent();
  }
}

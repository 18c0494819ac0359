package io.secretgate.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
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

  @ParameterizedTest(name = "ReplaceAllString(\"{0}\", /{1}/, \"{2}\") = \"{3}\"")
  @CsvFileSource(resources = "GoRegexpTest/replace-all.tsv", delimiter = '\t', quoteCharacter = '"')
  void replace_all_writes_the_key_go_writes(String src, String re, String template, String expected) throws Exception {
    assertThat(GoRegexp.compile(re).replaceAll(src, template)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "/{0}/ is refused with Go''s message")
  @CsvFileSource(resources = "GoRegexpTest/refused.tsv", delimiter = '\t', quoteCharacter = '"')
  void patterns_go_refuses_are_refused_with_gos_message(String re, String message) {
    assertThatThrownBy(() -> GoRegexp.compile(re))
        .isInstanceOfSatisfying(GoRegexp.InvalidRegexpException.class, e -> assertThat(e.unsupported()).isFalse())
        .hasMessage(message);
  }

  @ParameterizedTest(name = "/{0}/ compiles, as in Go")
  @ValueSource(strings = {"\\p{L}+", "\\p{Lu}+", "\\p{Greek}", "\\p{Han}", "\\p{^Greek}", "\\p{greek}", "\\pN",
      "\\p{Any}", "\\P{Assigned}", "\\++", "a\\\\1", "\\12", "\\0", "a{,2}", "[]a]", "[a-]", "^*a", "a(?i)*",
      "(?P<first_name>x)", "(?<n>x)", "[[:word:][:^space:]]", "(?i)(?-i:a)b", "(?s:.)", "\\x{10FFFF}"})
  void patterns_go_accepts_compile(String re) {
    org.assertj.core.api.Assertions.assertThatNoException().isThrownBy(() -> GoRegexp.compile(re));
  }

  @ParameterizedTest(name = "/{0}/ matches prod/db-main unanchored")
  @ValueSource(strings = {"db", "^prod/", "main$", "d.-m"})
  void matching_is_unanchored(String re) throws Exception {
    assertThat(GoRegexp.compile(re).matches("prod/db-main")).isTrue();
  }

  @Test
  void dollar_without_m_matches_only_at_the_end_of_the_text_not_before_a_final_newline() throws Exception {
    assertThat(GoRegexp.compile("a$").matches("a\n")).isFalse();
    assertThat(GoRegexp.compile("(?m)a$").matches("a\nb")).isTrue();
  }

  @Test
  void multi_line_caret_also_matches_after_a_final_newline() throws Exception {
    assertThat(GoRegexp.compile("(?m)^").replaceAll("a\nb\n", ">")).isEqualTo(">a\n>b\n>");
    assertThat(GoRegexp.compile("^").replaceAll("a\nb", ">")).isEqualTo(">a\nb");
  }

  @Test
  void dot_matches_a_newline_only_with_s() throws Exception {
    assertThat(GoRegexp.compile(".").replaceAll("a\nb", "_")).isEqualTo("_\n_");
    assertThat(GoRegexp.compile("(?s).").replaceAll("a\nb", "_")).isEqualTo("___");
  }

  @Test
  void backslash_s_is_gos_five_spaces_and_backslash_v_is_only_vertical_tab() throws Exception {
    assertThat(GoRegexp.compile("\\s").replaceAll("a\u000Bb\nc", "_")).isEqualTo("a\u000Bb_c");
    assertThat(GoRegexp.compile("[[:space:]]").replaceAll("a\u000Bb\nc", "_")).isEqualTo("a_b_c");
    assertThat(GoRegexp.compile("\\v").replaceAll("a\u000Bb\nc", "_")).isEqualTo("a_b\nc");
  }

  @Test
  void case_folding_follows_unicode_simple_folds() throws Exception {
    assertThat(GoRegexp.compile("(?i)k").matches("\u212A")).isTrue();
    assertThat(GoRegexp.compile("(a(?i)b)c").matches("aBC")).isFalse();
    assertThat(GoRegexp.compile("(?i)\\bK").matches("\u017Fk")).isTrue();
  }

  @Test
  void a_negated_class_matches_a_newline() throws Exception {
    assertThat(GoRegexp.compile("[^a]").matches("\n")).isTrue();
  }

  @Test
  void octal_escapes_name_code_points() throws Exception {
    assertThat(GoRegexp.compile("\\12").matches("\n")).isTrue();
    assertThat(GoRegexp.compile("\\0").matches("\0")).isTrue();
    assertThat(GoRegexp.compile("\\101").matches("A")).isTrue();
  }

  @Test
  void a_script_go_knows_but_this_java_runtime_does_not_is_unsupported_rather_than_invalid() {
    boolean javaKnowsKawi;
    try {
      Character.UnicodeScript.valueOf("KAWI");
      javaKnowsKawi = true;
    } catch (IllegalArgumentException e) {
      javaKnowsKawi = false;
    }
    if (javaKnowsKawi) {
      org.assertj.core.api.Assertions.assertThatNoException().isThrownBy(() -> GoRegexp.compile("\\p{Kawi}"));
    } else {
      assertThatThrownBy(() -> GoRegexp.compile("\\p{Kawi}"))
          .isInstanceOfSatisfying(GoRegexp.InvalidRegexpException.class, e -> assertThat(e.unsupported()).isTrue());
    }
  }
}

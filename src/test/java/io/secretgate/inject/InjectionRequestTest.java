package io.secretgate.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InjectionRequestTest {
  static final String ENV_FROM = "secretgate.io/inject-env-from";
  static final String CONTAINERS = "secretgate.io/inject-containers";

  @Test
  void names_are_trimmed_empty_entries_ignored_duplicates_collapsed_and_order_kept() throws Exception {
    InjectionRequest r = InjectionRequest.parse(Map.of(ENV_FROM, " b ,a,, b,\tc ,a ", CONTAINERS, "worker, app,app,"));
    assertThat(r.secrets()).containsExactly("b", "a", "c");
    assertThat(r.containers()).contains(List.of("worker", "app"));
  }

  @Test
  void names_are_trimmed_of_no_break_spaces_too_as_text_copied_from_a_web_page_or_chat_holds() throws Exception {
    InjectionRequest r = InjectionRequest.parse(Map.of(ENV_FROM, "db-credentials,\u00a0api-keys\u202f,\u3000s3", CONTAINERS, "app,\u00a0worker"));
    assertThat(r.secrets()).containsExactly("db-credentials", "api-keys", "s3");
    assertThat(r.containers()).contains(List.of("app", "worker"));
  }

  @Test
  void without_inject_containers_every_container_is_a_target() throws Exception {
    InjectionRequest r = InjectionRequest.parse(Map.of(ENV_FROM, "a"));
    assertThat(r.containers()).isEqualTo(Optional.empty());
    assertThat(r.targets("anything")).isTrue();
  }

  @Test
  void every_invalid_secret_name_is_named_in_one_refusal() {
    String tooLong = "a".repeat(254);
    assertThatThrownBy(() -> InjectionRequest.parse(Map.of(ENV_FROM, "good, Bad_Name, -dash, " + tooLong + ", ok.name")))
        .isInstanceOfSatisfying(InjectionException.class, e -> {
          assertThat(e.kind()).isEqualTo(InjectionException.Kind.INVALID);
          assertThat(e.reasons()).hasSize(3);
          assertThat(e.reasons().get(0)).startsWith("metadata.annotations[secretgate.io/inject-env-from]: \"Bad_Name\" is not a valid Secret name");
          assertThat(e.reasons().get(1)).contains("\"-dash\"");
          assertThat(e.reasons().get(2)).contains("\"" + tooLong + "\"");
        });
  }

  @Test
  void a_253_character_dotted_name_is_valid() throws Exception {
    String name = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    assertThat(name).hasSize(253);
    assertThat(InjectionRequest.parse(Map.of(ENV_FROM, name)).secrets()).containsExactly(name);
  }
}

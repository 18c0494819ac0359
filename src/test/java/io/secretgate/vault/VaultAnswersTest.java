package io.secretgate.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.secretgate.vault.VaultFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How Vault's answers (fixture files under answers/) become results and typed failures. */
class VaultAnswersTest {
  static final Path ANSWERS = Path.of("src/test/resources/io/secretgate/vault/answers");
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final VaultCall READ = new VaultCall("GET", "secret/data/app");
  static final VaultCall LIST = new VaultCall("LIST", "secret/metadata/apps/");
  static final VaultCall CAPS = new VaultCall("POST", "sys/capabilities-self");
  static final VaultCall LOOKUP = new VaultCall("GET", "auth/token/lookup-self");
  static final VaultCall HEALTH = new VaultCall("GET", "sys/health");

  static String fixture(String name) {
    try {
      return Files.readString(ANSWERS.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Answer answer(int status, String fixture) {
    return new Answer(status, Optional.empty(), fixture.isEmpty() ? "" : fixture(fixture), NOW);
  }

  static VaultFailure failureOf(ThrowingCallable call) {
    return catchThrowableOfType(VaultFailure.class, call);
  }

  @Test
  void a_kv_v2_read_gives_the_data_field_exactly_as_sent_number_literals_and_escapes_included() throws VaultFailure {
    assertThat(VaultAnswers.readData(READ, answer(200, "kv2-read.json"))).contains(fixture("kv2-read.data.json").strip());
  }

  @Test
  void a_kv_v1_read_gives_the_flat_key_value_object() throws VaultFailure {
    assertThat(VaultAnswers.readData(READ, answer(200, "kv1-read.json"))).contains("{\"password\":\"hunter2\",\"port\":5432}");
  }

  @Test
  void a_soft_deleted_version_answers_404_with_an_envelope_and_its_data_is_returned() throws VaultFailure {
    Optional<String> data = VaultAnswers.readData(READ, answer(404, "kv2-soft-deleted.json"));
    assertThat(data).isPresent();
    assertThat(data.get()).startsWith("{\n    \"data\": null,\n    \"metadata\": {").contains("\"deletion_time\": \"2018-03-22T02:30:00.000000000Z\"")
        .endsWith("}");
  }

  @Test
  void a_404_without_data_or_warnings_is_nothing_there() throws VaultFailure {
    assertThat(VaultAnswers.readData(READ, answer(404, "not-found.json"))).isEmpty();
    assertThat(VaultAnswers.readData(READ, answer(404, ""))).isEmpty();
    assertThat(VaultAnswers.readData(READ, new Answer(404, Optional.empty(), "{\"data\":{ },\"warnings\":[ ]}", NOW))).isEmpty();
  }

  @Test
  void a_404_with_a_warning_and_no_data_is_an_answer_whose_data_is_null_as_vaults_client_keeps_it() throws VaultFailure {
    assertThat(VaultAnswers.readData(READ, answer(404, "kv2-v1-style-path.json"))).contains("null");
  }

  @Test
  void a_read_without_data_or_not_json_is_a_bad_response() {
    assertThat(failureOf(() -> VaultAnswers.readData(READ, answer(200, "not-found.json"))).kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failureOf(() -> VaultAnswers.readData(READ, answer(200, "garbage.txt"))).kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failureOf(() -> VaultAnswers.readData(READ, answer(404, "garbage.txt"))).kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failureOf(() -> VaultAnswers.readData(READ, new Answer(200, Optional.empty(), "{\"data\":[1]}", NOW))).kind())
        .isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void a_list_gives_the_keys_with_folders_ending_in_a_slash() throws VaultFailure {
    assertThat(VaultAnswers.listKeys(LIST, answer(200, "list.json"))).contains(List.of("db", "db/", "stripe"));
  }

  @Test
  void a_list_answering_404_is_nothing_there_and_one_without_keys_is_a_bad_response() throws VaultFailure {
    assertThat(VaultAnswers.listKeys(LIST, answer(404, "not-found.json"))).isEmpty();
    assertThat(failureOf(() -> VaultAnswers.listKeys(LIST, answer(200, "kv1-read.json"))).kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @Test
  void a_list_answering_404_with_a_page_that_is_not_vaults_is_a_bad_response_not_an_empty_folder() {
    VaultFailure f = failureOf(() -> VaultAnswers.listKeys(LIST, answer(404, "ingress-not-found.html")));
    assertThat(f).isNotNull();
    assertThat(f.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(f.getMessage()).isEqualTo("Vault LIST secret/metadata/apps/: not an answer Vault gives, it is not a JSON object (HTTP 404)");
  }

  @Test
  void capabilities_come_from_data_in_the_order_asked() throws VaultFailure {
    Map<String, List<String>> caps = VaultAnswers.capabilities(CAPS, answer(200, "capabilities-self.json"),
        List.of("sys/mounts", "secret/data/a", "secret/metadata/b/"));
    assertThat(caps).containsExactly(Map.entry("sys/mounts", List.of("deny")), Map.entry("secret/data/a", List.of("read")),
        Map.entry("secret/metadata/b/", List.of("list")));
  }

  @Test
  void capabilities_missing_a_path_asked_for_are_a_bad_response() {
    VaultFailure f = failureOf(() -> VaultAnswers.capabilities(CAPS, answer(200, "capabilities-self.json"), List.of("secret/data/zzz")));
    assertThat(f.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(f.getMessage()).contains("secret/data/zzz");
  }

  @Test
  void lookup_self_gives_ttl_expiry_renewability_type_and_policies_with_identity_policies() throws VaultFailure {
    TokenInfo info = VaultAnswers.tokenInfo(LOOKUP, answer(200, "lookup-self.json"));
    assertThat(info.ttlSeconds()).isEqualTo(2764790);
    assertThat(info.expireTime()).contains(Instant.parse("2018-05-19T15:35:54.466476215Z"));
    assertThat(info.policies()).containsExactly("default", "testgroup2-policy", "dev-group-policy");
    assertThat(info.renewable()).isTrue();
    assertThat(info.type()).isEqualTo("service");
  }

  @Test
  void a_root_token_has_no_ttl_no_expiry_and_is_not_renewable() throws VaultFailure {
    assertThat(VaultAnswers.tokenInfo(LOOKUP, answer(200, "lookup-self-root.json")))
        .isEqualTo(new TokenInfo(0, Optional.empty(), List.of("root"), false, "service"));
  }

  @Test
  void lookup_self_without_ttl_or_policies_is_a_bad_response() {
    assertThat(failureOf(() -> VaultAnswers.tokenInfo(LOOKUP, new Answer(200, Optional.empty(), "{\"data\":{\"policies\":[]}}", NOW))).kind())
        .isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failureOf(() -> VaultAnswers.tokenInfo(LOOKUP, new Answer(200, Optional.empty(), "{\"data\":{\"ttl\":5}}", NOW))).kind())
        .isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failureOf(() -> VaultAnswers.tokenInfo(LOOKUP,
        new Answer(200, Optional.empty(), "{\"data\":{\"ttl\":5,\"policies\":[],\"expire_time\":\"soon\"}}", NOW))).kind())
        .isEqualTo(Kind.BAD_RESPONSE);
  }

  @ParameterizedTest(name = "HTTP {0} with {1}: initialized={2} sealed={3} standby={4}")
  @CsvSource({
      "200, health-active.json,        true,  false, false",
      "429, health-standby.json,       true,  false, true",
      "473, health-standby.json,       true,  false, true",
      "503, health-sealed.json,        true,  true,  true",
      "501, health-uninitialized.json, false, true,  true",
      "200, '',                        true,  false, false",
      "429, '',                        true,  false, true",
      "472, '',                        true,  false, true",
      "473, '',                        true,  false, true",
      "474, '',                        true,  false, true",
      "501, '',                        false, true,  false",
      "503, '',                        true,  true,  false"})
  void health_follows_the_status_code_and_the_body_when_there_is_one(int status, String fixture, boolean initialized, boolean sealed,
      boolean standby) throws VaultFailure {
    assertThat(VaultAnswers.health(HEALTH, answer(status, fixture))).isEqualTo(new Health(initialized, sealed, standby));
  }

  @Test
  void health_codes_that_say_nothing_about_the_node_are_failures() {
    assertThat(failureOf(() -> VaultAnswers.health(HEALTH, answer(500, "errors-overloaded.json"))).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failureOf(() -> VaultAnswers.health(HEALTH, answer(530, ""))).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failureOf(() -> VaultAnswers.health(HEALTH, answer(200, "garbage.txt"))).kind()).isEqualTo(Kind.BAD_RESPONSE);
  }

  @ParameterizedTest(name = "HTTP {0} with {1} is {2}")
  @CsvSource({
      "403, errors-permission-denied.json, PERMISSION_DENIED, false",
      "404, not-found.json,                NOT_FOUND,         false",
      "429, errors-rate-limited.json,      RATE_LIMITED,      true",
      "503, errors-sealed.json,            SEALED,            true",
      "503, errors-overloaded.json,        UNAVAILABLE,       true",
      "503, garbage.txt,                   UNAVAILABLE,       true",
      "500, errors-overloaded.json,        UNAVAILABLE,       true",
      "502, garbage.txt,                   UNAVAILABLE,       true",
      "412, not-found.json,                UNAVAILABLE,       true",
      "400, errors-permission-denied.json, BAD_RESPONSE,      false",
      "405, not-found.json,                BAD_RESPONSE,      false",
      "307, '',                            BAD_RESPONSE,      false"})
  void each_status_maps_to_one_kind(int status, String fixture, Kind kind, boolean retryable) {
    VaultFailure f = VaultAnswers.failure(READ, answer(status, fixture));
    assertThat(f.kind()).isEqualTo(kind);
    assertThat(f.retryable()).isEqualTo(retryable);
    assertThat(f.status()).hasValue(status);
    assertThat(f.getMessage()).isEqualTo("Vault GET secret/data/app: " + switch (kind) {
      case PERMISSION_DENIED -> "permission denied";
      case NOT_FOUND -> "nothing there";
      case RATE_LIMITED -> "rate limited";
      case SEALED -> "Vault is sealed";
      case UNAVAILABLE -> "Vault is unavailable";
      case BAD_RESPONSE -> "unexpected answer";
    } + " (HTTP " + status + ")");
    assertThat(f.getCause()).isNull();
  }

  @Test
  void a_429_carries_the_wait_vault_asked_for() {
    Answer limited = new Answer(429, Optional.of("7"), fixture("errors-rate-limited.json"), NOW);
    assertThat(VaultAnswers.failure(READ, limited).retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(VaultAnswers.failure(READ, answer(429, "errors-rate-limited.json")).retryAfter()).isEmpty();
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource(delimiter = '|', value = {
      "0|PT0S",
      "120|PT2M",
      " 3 |PT3S",
      "Sat, 28 Nov 2026 10:00:30 GMT|PT30S",
      "Sat, 28 Nov 2026 09:59:00 GMT|PT0S"})
  void retry_after_is_read_as_seconds_or_as_an_http_date(String header, Duration wait) {
    assertThat(VaultAnswers.retryAfter(header, NOW)).contains(wait);
  }

  @Test
  void an_unreadable_retry_after_is_no_advice() {
    assertThat(VaultAnswers.retryAfter("soon", NOW)).isEmpty();
    assertThat(VaultAnswers.retryAfter("-5", NOW)).isEmpty();
  }

  @Test
  void no_failure_message_quotes_the_answer_body() {
    String canary = "s3cr3t-canary";
    for (int status : new int[] {200, 204, 400, 403, 404, 412, 429, 500, 503}) {
      Answer a = new Answer(status, Optional.of("1"), "{\"errors\":[\"" + canary + " sealed\"],\"data\":{\"v\":\"" + canary + "\"}}", NOW);
      assertThat(VaultAnswers.failure(READ, a).getMessage()).doesNotContain(canary);
      Answer garbage = new Answer(status, Optional.empty(), "<html>" + canary + "</html>", NOW);
      for (ThrowingCallable call : List.<ThrowingCallable>of(
          () -> VaultAnswers.readData(READ, garbage), () -> VaultAnswers.listKeys(LIST, garbage),
          () -> VaultAnswers.capabilities(CAPS, garbage, List.of("a")), () -> VaultAnswers.tokenInfo(LOOKUP, garbage),
          () -> VaultAnswers.health(HEALTH, garbage))) {
        Throwable thrown = catchThrowable(call);
        if (thrown != null) assertThat(thrown).isInstanceOf(VaultFailure.class).hasMessageNotContaining(canary);
      }
    }
  }
}

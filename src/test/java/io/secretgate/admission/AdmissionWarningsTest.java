package io.secretgate.admission;

import static io.secretgate.admission.AdmissionFixtures.requestTree;
import static io.secretgate.admission.EnforcementTest.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Admission warnings within what the API server and kubectl take: 120 characters each, 4096 bytes in all. */
class AdmissionWarningsTest {

  static int totalBytes(List<String> ws) {
    return ws.stream().mapToInt(w -> w.getBytes(StandardCharsets.UTF_8).length).sum();
  }

  @Test
  void a_warning_of_120_characters_is_kept_as_it_is() {
    String w = "x".repeat(120);
    assertThat(AdmissionWarnings.limit(List.of(w))).containsExactly(w);
  }

  @Test
  void a_longer_warning_is_cut_to_120_characters_ending_with_an_ellipsis() {
    List<String> out = AdmissionWarnings.limit(List.of("a".repeat(100) + " " + "b".repeat(100)));
    assertThat(out).containsExactly("a".repeat(100) + " " + "b".repeat(16) + "...");
    assertThat(out.get(0)).hasSize(120);
  }

  @Test
  void a_warning_that_fits_and_reads_as_another_ones_cut_is_kept_as_it_is_and_the_other_is_cut_where_it_differs() {
    String long_ = "key a" + " ".repeat(200) + "b"; // its cut drops the spaces: "key a..."
    List<String> out = AdmissionWarnings.limit(List.of(long_, "key a..."));
    assertThat(out).hasSize(2).contains("key a...");
    assertThat(out).allSatisfy(w -> assertThat(w.codePointCount(0, w.length())).isLessThanOrEqualTo(AdmissionWarnings.MAX_LENGTH));
  }

  @Test
  void a_cut_never_splits_a_character_outside_the_basic_plane() {
    String lock = "\uD83D\uDD12";
    String out = AdmissionWarnings.limit(List.of(lock.repeat(200))).get(0);
    assertThat(out.codePointCount(0, out.length())).isEqualTo(120);
    assertThat(out).isEqualTo(lock.repeat(117) + "...");
  }

  @Test
  void no_warning_starts_with_the_word_warning() {
    assertThat(AdmissionWarnings.limit(List.of("Warning: store is slow", "WARNING:warning: twice", "a Warning: inside")))
        .containsExactly("store is slow", "twice", "a Warning: inside");
  }

  @Test
  void a_warning_is_one_line_without_control_characters() {
    assertThat(AdmissionWarnings.limit(List.of("key \"a\nb\"\tis\u0000odd\r"))).containsExactly("key \"a b\" is odd");
  }

  @Test
  void empty_and_repeated_warnings_are_dropped_keeping_the_first_order() {
    assertThat(AdmissionWarnings.limit(List.of("b", " ", "a", "b", "Warning:", "a"))).containsExactly("b", "a");
  }

  @Test
  void two_long_warnings_that_differ_only_after_the_cut_both_stay_each_showing_its_own_end() {
    String common = "not checked (Vault could not be asked): secret/data/platform/payments/production/eu-west-1/service-ledger-reconciliation/";
    List<String> out = AdmissionWarnings.limit(List.of(common + "database-credentials", common + "api-signing-keys",
        common + "database-credentials"));
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).startsWith("not checked (Vault could not be asked): ").endsWith("reconciliation/database-credentials");
    assertThat(out.get(1)).startsWith("not checked (Vault could not be asked): ").endsWith("reconciliation/api-signing-keys");
    assertThat(out).allSatisfy(w -> assertThat(w.codePointCount(0, w.length())).isLessThanOrEqualTo(AdmissionWarnings.MAX_LENGTH))
        .allSatisfy(w -> assertThat(w).contains(AdmissionWarnings.ELLIPSIS));
    assertThat(AdmissionWarnings.limit(out)).isEqualTo(out);
  }

  @Test
  void long_warnings_that_differ_in_the_middle_keep_the_part_where_they_differ() {
    String tail = "\" is not synced yet (ExternalSecret \"app\"); the Pod will wait for it";
    String name = "payments-ledger-reconciliation-service-database-credentials-of-the-nightly-settlement-batch-job-in-the-region-";
    List<String> out = AdmissionWarnings.limit(List.of("Secret \"" + name + "primary-eu-west-1" + tail,
        "Secret \"" + name + "replica-eu-west-1" + tail));
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).startsWith("Secret \"payments-").contains("primary-eu-west-1");
    assertThat(out.get(1)).startsWith("Secret \"payments-").contains("replica-eu-west-1");
    assertThat(out).allSatisfy(w -> assertThat(w.codePointCount(0, w.length())).isLessThanOrEqualTo(AdmissionWarnings.MAX_LENGTH));
  }

  @Test
  void warnings_beyond_the_total_budget_are_dropped_and_counted_in_a_last_warning() {
    List<String> many = IntStream.range(0, 100).mapToObj(i -> String.format("%03d ", i) + "w".repeat(116)).toList();
    List<String> out = AdmissionWarnings.limit(many);
    assertThat(totalBytes(out)).isLessThanOrEqualTo(AdmissionWarnings.MAX_TOTAL_BYTES);
    assertThat(out).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(AdmissionWarnings.MAX_LENGTH));
    assertThat(out.subList(0, out.size() - 1)).isEqualTo(many.subList(0, out.size() - 1));
    assertThat(out.get(out.size() - 1)).isEqualTo((100 - (out.size() - 1)) + " more warning(s) not shown");
    assertThat(out).hasSize(34);
  }

  @Test
  void the_total_budget_counts_utf8_bytes() {
    List<String> wide = IntStream.range(0, 40).mapToObj(i -> i + " " + "\u00e9".repeat(100)).toList();
    List<String> out = AdmissionWarnings.limit(wide);
    assertThat(totalBytes(out)).isLessThanOrEqualTo(AdmissionWarnings.MAX_TOTAL_BYTES);
    assertThat(out.get(out.size() - 1)).endsWith("more warning(s) not shown");
  }

  @Test
  void warnings_that_fit_the_budget_exactly_are_all_kept() {
    List<String> exact = new ArrayList<>();
    for (int i = 0; i < 32; i++) exact.add(String.format("%03d ", i) + "w".repeat(124));
    List<String> cut = AdmissionWarnings.limit(exact);
    assertThat(cut).allSatisfy(w -> assertThat(w).hasSize(120));
    assertThat(totalBytes(cut)).isEqualTo(32 * 120);
    assertThat(cut).hasSize(32);
  }

  @Test
  void limiting_twice_changes_nothing() {
    List<String> many = IntStream.range(0, 100).mapToObj(i -> "Warning: " + i + " " + "w".repeat(i * 3)).toList();
    List<String> once = AdmissionWarnings.limit(many);
    assertThat(AdmissionWarnings.limit(once)).isEqualTo(once);
  }

  @Test
  void an_external_secret_with_many_violations_in_a_warn_namespace_gets_warnings_within_the_limits() {
    ObjectNode review = (ObjectNode) requestTree("create-warn-namespace.json");
    ArrayNode data = ((ObjectNode) review.get("request").get("object").get("spec")).putArray("data");
    for (int i = 0; i < 80; i++) {
      ObjectNode d = data.addObject();
      d.putObject("remoteRef").put("key", "infra/a-rather-long-directory-name/with-nested-parts/secret-number-" + i);
      d.put("secretKey", "key-" + i);
    }
    JsonNode r = ValidatingAdmissionTest.response(AdmissionFixtures.admission(AdmissionSettings.DEFAULTS), review);
    List<String> ws = warnings(r);
    assertThat(r.get("allowed").asBoolean()).isTrue();
    assertThat(ws.get(0)).isEqualTo("would be denied, admitted because enforcement is warn: ExternalSecret sandbox/reports");
    assertThat(ws.get(1)).isEqualTo("spec.data[0].remoteRef.key: PATH_NOT_PERMITTED: the store's token may not \"read\""
        + " secret/data/infra/a-rather-long-dire...");
    assertThat(ws).allSatisfy(w -> {
      assertThat(w.codePointCount(0, w.length())).isLessThanOrEqualTo(120);
      assertThat(w).doesNotStartWithIgnoringCase("warning:");
    });
    assertThat(totalBytes(ws)).isLessThanOrEqualTo(AdmissionWarnings.MAX_TOTAL_BYTES);
    assertThat(ws.get(ws.size() - 1)).matches("\\d+ more warning\\(s\\) not shown");
  }
}

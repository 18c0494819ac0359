package io.secretgate.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ManifestReaderTest {
  private final ManifestReader reader = new ManifestReader(new ByteArrayInputStream(new byte[0]));

  @Test
  void multi_document_yaml_and_lists_are_expanded_with_their_index() throws Exception {
    ManifestSet set = reader.read(List.of(file("multi.yaml")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(d -> d.source().replaceAll(".*/", "") + " " + d.kind() + " " + d.name())
        .containsExactly("multi.yaml#0 Namespace a", "multi.yaml#2.items[0] ConfigMap one", "multi.yaml#2.items[1] ConfigMap two");
    assertThat(set.documents().get(1).namespace()).isEqualTo("a");
  }

  @Test
  void concatenated_json_objects_as_jq_prints_the_items_of_a_list_are_one_document_each_as_kubectl_reads_them() throws Exception {
    ManifestSet set = reader.read(List.of(file("concatenated.json")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(d -> d.source().replaceAll(".*/", "") + " " + d.name())
        .containsExactly("concatenated.json#0 first", "concatenated.json#1 second", "concatenated.json#2 third");
  }

  @Test
  void a_stream_that_starts_with_a_brace_but_is_not_json_throughout_is_read_as_yaml_from_where_json_ends_as_kubectl_reads_it() throws Exception {
    ManifestSet set = reader.read(List.of(file("flow-style.yaml"), file("json-then-yaml.yaml")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(d -> d.source().replaceAll(".*/", "") + " " + d.name())
        .containsExactly("flow-style.yaml#0 flow-style", "json-then-yaml.yaml#0 json-first", "json-then-yaml.yaml#1 yaml-after");
  }

  @Test
  void a_json_error_never_quotes_the_text_it_could_not_read_nor_the_parser_settings() throws Exception {
    assertThat(problemsOf("unquoted-value.json", "truncated.json")).containsExactly(
        "unquoted-value.json:2:26: not valid YAML/JSON: Unrecognized token: was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        "truncated.json:4:1: not valid YAML/JSON: Unexpected end-of-input: expected close marker for Object");
  }

  @Test
  void a_byte_order_mark_that_starts_a_line_after_a_separator_is_skipped_as_kubectl_skips_it() throws Exception {
    ManifestSet set = reader.read(List.of(file("bom-after-separator.yaml")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(ManifestDocument::apiVersion, ManifestDocument::name)
        .containsExactly(tuple("v1", "first"), tuple("v1", "second"));
  }

  @Test
  void items_of_a_typed_list_as_the_api_server_returns_it_take_their_kind_and_api_version_from_the_list_as_kubectl_gives_them() throws Exception {
    ManifestSet set = reader.read(List.of(file("typed-list.json")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(d -> d.source().replaceAll(".*/", ""), ManifestDocument::apiVersion, ManifestDocument::kind, ManifestDocument::name)
        .containsExactly(tuple("typed-list.json#0.items[0]", "external-secrets.io/v1", "ExternalSecret", "db"),
            tuple("typed-list.json#0.items[1]", "external-secrets.io/v1beta1", "ExternalSecret", "api"));
  }

  @Test
  void a_yaml_error_names_the_file_line_and_column_and_keeps_earlier_documents() throws Exception {
    ManifestSet set = reader.read(List.of(file("broken.yaml")));
    assertThat(set.documents()).extracting(ManifestDocument::name).containsExactly("ok");
    assertThat(set.problems()).hasSize(1);
    assertThat(set.problems().get(0).location()).matches(".*broken\\.yaml:\\d+:\\d+");
    assertThat(set.problems().get(0).message()).startsWith("not valid YAML/JSON");
  }

  @Test
  void a_yaml_error_is_one_line_with_the_problem_only_and_never_the_lines_around_it() throws Exception {
    ManifestSet set = reader.read(List.of(file("secret-bad-indent.yaml")));
    assertThat(set.problems()).extracting(ManifestReaderTest::relative)
        .containsExactly("secret-bad-indent.yaml:7:7: not valid YAML/JSON: mapping values are not allowed here");
  }

  @Test
  void a_yaml_error_is_placed_where_the_problem_is_not_where_the_construct_began() throws Exception {
    ManifestSet set = reader.read(List.of(file("unclosed-flow.yaml")));
    assertThat(set.problems()).extracting(ManifestReaderTest::relative)
        .containsExactly("unclosed-flow.yaml:6:1: not valid YAML/JSON: expected ',' or ']', but got <stream end>");
  }

  @Test
  void a_json_error_is_one_line_with_the_problem_only() throws Exception {
    ManifestSet set = reader.read(List.of(file("truncated.json")));
    assertThat(set.problems()).hasSize(1);
    assertThat(relative(set.problems().get(0)))
        .matches("truncated\\.json:4:1: not valid YAML/JSON: [^\\n]+")
        .doesNotContain("aHZzLnNlY3JldA");
  }

  @Test
  void an_alias_is_the_node_its_anchor_names_and_a_merge_key_adds_the_keys_the_map_does_not_set_as_kubectl_reads_them() throws Exception {
    ManifestSet set = reader.read(List.of(file("anchors.yaml")));
    assertThat(set.documents()).hasSize(1);
    JsonNode es = set.documents().get(0).tree();
    assertThat(es.at("/spec/target/template/metadata/labels").toString()).isEqualTo("{\"app\":\"payments\"}");
    assertThat(es.at("/spec/data").toString()).isEqualTo("["
        + "{\"secretKey\":\"username\",\"remoteRef\":{\"key\":\"apps/payments/db\",\"property\":\"username\"}},"
        + "{\"secretKey\":\"password\",\"remoteRef\":{\"key\":\"apps/payments/db\",\"property\":\"password\"}},"
        + "{\"secretKey\":\"port\",\"remoteRef\":{\"key\":\"apps/payments/db\",\"property\":\"username\"}}]");
    assertThat(set.problems()).extracting(ManifestReaderTest::relative).containsExactly("anchors.yaml:39:19: not valid YAML/JSON:"
        + " an alias (*...) names no anchor before it in its document; quote a value that starts with *");
  }

  @Test
  void an_unquoted_value_starting_with_a_star_is_an_alias_with_no_anchor_and_the_error_does_not_repeat_it() throws Exception {
    ManifestSet set = reader.read(List.of(file("unquoted-star-value.yaml")));

    assertThat(set.problems()).extracting(ManifestReaderTest::relative).containsExactly("unquoted-star-value.yaml:6:13: not valid YAML/JSON:"
        + " an alias (*...) names no anchor before it in its document; quote a value that starts with *");
  }

  @Test
  void an_alias_of_a_single_value_is_that_value_as_its_anchor_typed_it_as_kubectl_reads_it() throws Exception {
    ManifestSet set = reader.read(List.of(file("scalar-aliases.yaml")));
    assertThat(set.problems()).isEmpty();
    JsonNode spec = set.documents().get(0).tree().get("spec");
    assertThat(spec.at("/target").toString()).isEqualTo("{\"name\":\"db-credentials\",\"immutable\":true}");
    assertThat(spec.at("/data/1/remoteRef/key").asString()).isEqualTo("apps/payments/db");
    assertThat(spec.get("x-check").toString()).isEqualTo("[true,\"0755\",\"0755\"]");
  }

  @Test
  void a_merge_key_sets_its_keys_where_it_stands_over_the_keys_written_before_it_as_kubectl_reads_them() throws Exception {
    assertThat(firstTreeOf("merge-order.yaml").at("/spec/data/1").toString())
        .isEqualTo("{\"secretKey\":\"username\",\"remoteRef\":{\"key\":\"apps/payments/api\",\"property\":\"token\"}}");
  }

  @Test
  void plain_scalars_and_keys_are_read_as_kubectl_sends_them_yaml_1_1_words_and_go_numbers_and_quoted_ones_stay_strings() throws Exception {
    ManifestSet set = reader.read(List.of(file("plain-scalars.yaml")));
    assertThat(set.problems()).isEmpty();
    JsonNode data = set.documents().get(0).tree().get("data");
    assertThat(data.get("true").toString()).isEqualTo("[" + "true,".repeat(10) + "true]");
    assertThat(data.get("false").toString()).isEqualTo("[" + "false,".repeat(10) + "false]");
    assertThat(data.get("null").toString()).isEqualTo("[null,null,null,null,null]");
    assertThat(data.get("ints").toString()).isEqualTo("[493,15,31,5,-5,1000,12,-31,0,9223372036854775807,9223372036854775808]");
    assertThat(data.get("floats").toString()).isEqualTo("[1.5,0.5,1000.0,1000.5,8.0,1.0E20]");
    assertThat(data.get("strings").toString()).isEqualTo("[\"yEs\",\"oN\",\"yes\",\"on\",\"0755\",\"2024-01-31\",\"1:30\",\"0x\",\"0b2\","
        + "\"_1\",\"0xFFFFFFFFFFFFFFFFFF\",\"1e400\",\"\",\"<<\"]");
    assertThat(data.get("keys").toString())
        .isEqualTo("{\"true\":\"a\",\"false\":\"b\",\"16\":\"c\",\"10\":\"d\",\"yes\":\"e\",\"1.5\":\"f\",\"2024-01-31\":\"g\",\"<<\":\"h\"}");
  }

  @Test
  void a_binary_tagged_value_is_the_text_its_base64_decodes_to_as_kubectl_sends_it() throws Exception {
    assertThat(firstTreeOf("binary-tag.yaml").at("/spec/data/0/remoteRef").toString())
        .isEqualTo("{\"key\":\"apps/payments/db\",\"property\":\"password\"}");
  }

  @Test
  void a_null_map_key_or_an_infinite_number_which_kubectl_cannot_turn_into_json_is_an_error_at_its_position() throws Exception {
    ManifestSet set = reader.read(List.of(file("null-key.yaml"), file("infinite-value.yaml")));
    assertThat(set.documents()).isEmpty();
    assertThat(set.problems()).extracting(ManifestReaderTest::relative).containsExactly(
        "null-key.yaml:5:3: not valid YAML/JSON: a map key is null (~); kubectl refuses it (Unsupported map key of type: <nil>): quote it",
        "infinite-value.yaml:5:10: not valid YAML/JSON: .inf is not a JSON number; kubectl refuses it (json: unsupported value): quote it");
  }

  @Test
  void aliases_that_would_expand_to_more_than_a_million_values_are_refused_not_expanded() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: laughs}\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) yaml.append("  a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    ManifestSet set = ManifestReader.parse("laughs.yaml", yaml.toString());
    assertThat(set.documents()).isEmpty();
    assertThat(set.problems()).extracting(ManifestProblem::message).containsExactly("not valid YAML/JSON: aliases expand to more than 1000000 values");
  }

  @Test
  void a_document_nested_too_deep_is_named_with_its_position_in_words_not_a_java_api() {
    ManifestSet set = ManifestReader.parse("deep.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: " + "[".repeat(600) + "]".repeat(600) + "\n");
    assertThat(set.problems()).extracting(ManifestProblem::toString)
        .containsExactly("deep.yaml:3:507: not valid YAML/JSON: Document nesting depth (501) exceeds the maximum allowed (500)");
  }

  @Test
  void documents_without_kind_or_that_are_not_maps_are_reported_with_their_index() throws Exception {
    ManifestSet set = reader.read(List.of(file("nokind.yaml")));
    assertThat(set.documents()).isEmpty();
    assertThat(set.problems()).extracting(p -> p.location().replaceAll(".*/", "") + ": " + p.message())
        .containsExactly("nokind.yaml#0: document has no kind",
            "nokind.yaml#1: document is not a Kubernetes object (a YAML/JSON map)");
  }

  @Test
  void an_external_secrets_kind_or_group_in_the_wrong_case_which_kubectl_finds_no_match_for_is_a_problem_not_a_document_skipped() throws Exception {
    assertThat(reader.read(List.of(file("wrong-case.yaml"))).documents()).extracting(ManifestDocument::name).containsExactly("push", "other");
    assertThat(problemsOf("wrong-case.yaml")).containsExactly(
        "wrong-case.yaml#0: kind Externalsecret is not a kind of external-secrets.io/v1 (kinds are case-sensitive; kubectl finds no match): did you mean ExternalSecret?",
        "wrong-case.yaml#1: apiVersion External-Secrets.io/v1 names no API group (groups are lower case; kubectl finds no match): did you mean external-secrets.io/v1?",
        "wrong-case.yaml#2: kind clustersecretstore is not a kind of external-secrets.io/v1 (kinds are case-sensitive; kubectl finds no match): did you mean ClusterSecretStore?");
  }

  @Test
  void directories_are_read_recursively_in_order_for_yaml_and_json_only() throws Exception {
    ManifestSet set = reader.read(List.of(file("tree")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(ManifestDocument::name).containsExactly("in-tree", "json");
  }

  @Test
  void a_directory_named_through_a_symbolic_link_is_walked_and_its_files_keep_the_name_given(@TempDir Path dir) throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("manifests"), Path.of(file("tree")));
    ManifestSet set = reader.read(List.of(link.toString()));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(ManifestDocument::source)
        .containsExactly(link.resolve("a.yaml") + "#0", link.resolve("sub/b.json") + "#0");
  }

  @Test
  void a_list_document_of_more_than_3_mib_as_kubectl_get_prints_it_for_a_big_cluster_is_read(@TempDir Path dir) throws Exception {
    StringBuilder list = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < 20_000; i++) {
      list.append("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: config-").append(i)
          .append("\n    namespace: team-").append(i % 50).append("\n    uid: 2b1c3d4e-0000-4000-8000-").append(String.format("%012d", i))
          .append("\n  data:\n    note: \"").append("x".repeat(100)).append("\"\n");
    }
    Path file = Files.writeString(dir.resolve("all.yaml"), list);
    assertThat(Files.size(file)).isGreaterThan(3L << 20);
    ManifestSet set = reader.read(List.of(file.toString()));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).hasSize(20_000);
  }

  @Test
  void a_symbolic_link_to_a_manifest_that_is_gone_is_a_problem_not_a_file_silently_left_out(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
    Path dangling = Files.createSymbolicLink(dir.resolve("shared.yaml"), Path.of("../moved-away/shared.yaml"));
    ManifestSet set = reader.read(List.of(dir.toString()));
    assertThat(set.documents()).extracting(ManifestDocument::name).containsExactly("ok");
    assertThat(set.problems()).extracting(ManifestProblem::toString).containsExactly(dangling + ": no such file or directory");
  }

  @Test
  void a_missing_path_is_a_problem_and_the_other_paths_are_still_read() throws Exception {
    ManifestSet set = reader.read(List.of("no/such/file.yaml", file("tree/a.yaml")));
    assertThat(set.problems()).extracting(ManifestProblem::toString).containsExactly("no/such/file.yaml: no such file or directory");
    assertThat(set.documents()).hasSize(1);
  }

  @Test
  void an_entry_a_directory_walk_cannot_open_is_one_problem_and_the_readable_files_are_still_read(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
    try (TooDeepEntry deep = TooDeepEntry.under(dir)) {
      ManifestSet set = reader.read(List.of(dir.toString()));
      assertThat(set.documents()).extracting(ManifestDocument::name).containsExactly("ok");
      assertThat(set.problems()).extracting(ManifestProblem::toString)
          .containsExactly(deep.unopenable() + ": file name too long");
    }
  }

  @Test
  @DisabledIf(value = "permissionBitsAreIgnored", disabledReason = "this user (root) reads a directory whatever its permission bits say")
  void a_directory_without_read_permission_is_permission_denied_and_the_rest_is_still_read(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.writeString(locked.resolve("hidden.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n");
    Files.setPosixFilePermissions(locked, Set.of());
    try {
      ManifestSet set = reader.read(List.of(dir.toString()));
      assertThat(set.documents()).extracting(ManifestDocument::name).containsExactly("ok");
      assertThat(set.problems()).extracting(ManifestProblem::toString).containsExactly(locked + ": permission denied");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  static boolean permissionBitsAreIgnored() throws IOException {
    Path probe = Files.createTempDirectory("permission-probe");
    try {
      Files.setPosixFilePermissions(probe, Set.of());
      return Files.isReadable(probe);
    } finally {
      Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
      Files.delete(probe);
    }
  }

  @Test
  void a_file_that_is_not_utf8_is_said_so_in_words_at_the_line_and_column_of_the_first_bad_byte() throws Exception {
    ManifestSet set = reader.read(List.of(file("latin1.yaml")));
    assertThat(set.problems()).extracting(ManifestReaderTest::relative).containsExactly("latin1.yaml:4:12: not valid UTF-8 text");
  }

  @Test
  void a_utf16_file_with_its_byte_order_mark_as_windows_powershell_writes_it_is_read_as_kubectl_reads_it() throws Exception {
    ManifestSet set = reader.read(List.of(file("utf16le.yaml"), file("utf16be.json")));
    assertThat(set.problems()).isEmpty();
    assertThat(set.documents()).extracting(ManifestDocument::name).containsExactly("from-powershell", "big-endian");
    assertThat(set.documents().get(0).tree().get("data").toString()).isEqualTo("{\"caf\u00e9\":\"\uD83D\uDD11\"}");
  }

  @Test
  void a_dash_reads_standard_input() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-stdin}\n";
    ManifestReader stdin = new ManifestReader(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    ManifestSet set = stdin.read(List.of("-"));
    assertThat(set.documents()).extracting(ManifestDocument::source).containsExactly("<stdin>#0");
  }

  @Test
  void standard_input_that_is_not_utf8_is_said_so_in_words_as_for_a_file() throws Exception {
    byte[] latin1 = Files.readAllBytes(Path.of(file("latin1.yaml")));
    ManifestSet set = new ManifestReader(new ByteArrayInputStream(latin1)).read(List.of("-"));
    assertThat(set.documents()).isEmpty();
    assertThat(set.problems()).extracting(ManifestProblem::toString).containsExactly("<stdin>:4:12: not valid UTF-8 text");
  }

  /** The problems of reading these fixtures, as printed with the fixture folder left out. */
  private List<String> problemsOf(String... fixtures) throws URISyntaxException {
    List<String> paths = new java.util.ArrayList<>();
    for (String f : fixtures) paths.add(file(f));
    return reader.read(paths).problems().stream().map(ManifestReaderTest::relative).toList();
  }

  /** The tree of the first document of a fixture that must read without a problem. */
  private JsonNode firstTreeOf(String fixture) throws URISyntaxException {
    ManifestSet set = reader.read(List.of(file(fixture)));
    assertThat(set.problems()).isEmpty();
    return set.documents().get(0).tree();
  }

  /** The problem as printed, with the fixture folder left out. */
  private static String relative(ManifestProblem problem) {
    return problem.toString().replaceFirst("^.*/manifest/", "");
  }

  private static String file(String name) throws URISyntaxException {
    return Path.of(ManifestReaderTest.class.getResource(name).toURI()).toString();
  }
}

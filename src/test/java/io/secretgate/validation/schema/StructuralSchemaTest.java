package io.secretgate.validation.schema;

import static io.secretgate.validation.schema.SchemaFinding.error;
import static io.secretgate.validation.schema.SchemaFinding.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each keyword of the structural-schema checker, on small fixtures under schema-keywords/. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StructuralSchemaTest {
  private static final StructuralSchema SCHEMA = StructuralSchema.of(YamlFixtures.read("schema-keywords/keywords.schema.yaml"));

  private static List<SchemaFinding> check(String object) {
    return SCHEMA.validate(YamlFixtures.read("schema-keywords/objects/" + object + ".yaml"));
  }

  @Test
  void an_object_satisfying_every_keyword_has_no_findings() {
    assertThat(check("all-keywords-satisfied")).isEmpty();
    assertThat(check("minimal")).isEmpty();
  }

  @Test
  void a_string_where_an_integer_is_declared_is_a_type_error() {
    assertThat(check("string-where-integer-declared")).containsExactly(
        error("spec.count", "Invalid value: \"string\": spec.count in body must be of type integer: \"string\""));
  }

  @Test
  void a_number_with_a_fraction_is_not_an_integer() {
    assertThat(check("fraction-where-integer-declared")).containsExactly(
        error("spec.count", "Invalid value: \"number\": spec.count in body must be of type integer: \"number\""));
  }

  @Test
  void a_quoted_true_is_a_string_not_a_boolean() {
    assertThat(check("string-where-boolean-declared")).containsExactly(
        error("spec.enabled", "Invalid value: \"string\": spec.enabled in body must be of type boolean: \"string\""));
  }

  @Test
  void a_boolean_is_not_a_number() {
    assertThat(check("boolean-where-number-declared")).containsExactly(
        error("spec.ratio", "Invalid value: \"boolean\": spec.ratio in body must be of type number: \"boolean\""));
  }

  @Test
  void arrays_and_objects_are_told_apart() {
    assertThat(check("array-where-object-declared")).containsExactly(
        error("spec.labels", "Invalid value: \"array\": spec.labels in body must be of type object: \"array\""));
    assertThat(check("object-where-array-declared")).containsExactly(
        error("spec.tags", "Invalid value: \"object\": spec.tags in body must be of type array: \"object\""));
  }

  @Test
  void a_missing_required_field_is_a_required_value_error_at_that_field() {
    assertThat(check("required-field-missing")).containsExactly(error("spec.name", "Required value"));
  }

  @Test
  void a_required_field_given_as_null_is_dropped_and_then_missing() {
    assertThat(check("required-field-null")).containsExactly(
        warning("spec.name", "null value dropped: the field is not nullable"),
        error("spec.name", "Required value"));
  }

  @Test
  void a_default_satisfies_a_required_field_because_the_api_server_defaults_before_validating() {
    assertThat(check("default-fills-required-field")).containsExactly(
        warning("spec.defaulted.level", "null value dropped: the field is not nullable"));
  }

  @Test
  void a_value_outside_the_enum_is_an_unsupported_value_listing_the_supported_ones() {
    assertThat(check("enum-value-unsupported")).containsExactly(
        error("spec.mode", "Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\""));
  }

  @Test
  void a_string_not_matching_the_pattern_is_invalid() {
    assertThat(check("pattern-not-matched")).containsExactly(
        error("spec.lower", "Invalid value: \"abC1\": spec.lower in body should match '^[a-z]+$'"));
  }

  @Test
  void max_length_and_min_length_count_characters() {
    assertThat(check("string-too-long")).containsExactly(error("spec.short", "Too long: may not be longer than 3"));
    assertThat(check("string-too-short")).containsExactly(
        error("spec.nonEmpty", "Invalid value: \"\": spec.nonEmpty in body should be at least 1 chars long"));
    assertThat(check("multibyte-string-within-max-length")).isEmpty();
  }

  @Test
  void format_byte_wants_padded_standard_base64() {
    assertThat(check("byte-not-base64")).containsExactly(
        error("spec.cert", "Invalid value: \"not base64!\": spec.cert in body must be of type byte: \"not base64!\""));
    assertThat(check("byte-without-padding")).containsExactly(
        error("spec.cert", "Invalid value: \"aGVsbG8\": spec.cert in body must be of type byte: \"aGVsbG8\""));
  }

  @Test
  void null_is_kept_where_nullable_and_dropped_with_a_warning_elsewhere() {
    assertThat(check("null-where-nullable")).isEmpty();
    assertThat(check("null-where-not-nullable")).containsExactly(
        warning("spec.count", "null value dropped: the field is not nullable"));
  }

  @Test
  void a_null_array_item_is_a_type_error_because_items_are_not_pruned() {
    assertThat(check("null-array-item")).containsExactly(
        error("spec.tags[1]", "Invalid value: \"null\": spec.tags[1] in body must be of type string: \"null\""));
  }

  @Test
  void int_or_string_takes_an_integer_or_a_string_and_nothing_else() {
    assertThat(check("int-or-string-given-string")).isEmpty();
    assertThat(check("int-or-string-given-boolean")).containsExactly(
        error("spec.interval", "Invalid value: \"boolean\": spec.interval in body must be of type integer,string: \"boolean\""));
  }

  @Test
  void min_items_and_max_items_bound_an_array() {
    assertThat(check("too-few-items")).containsExactly(
        error("spec.tags", "Invalid value: 0: spec.tags in body should have at least 1 items"));
    assertThat(check("too-many-items")).containsExactly(error("spec.tags", "Too many: 3: must have at most 2 items"));
  }

  @Test
  void items_are_checked_against_the_item_schema_with_their_index_in_the_path() {
    assertThat(check("array-item-of-wrong-type")).containsExactly(
        error("spec.tags[1]", "Invalid value: \"integer\": spec.tags[1] in body must be of type string: \"integer\""));
  }

  @Test
  void additional_properties_check_every_map_value() {
    assertThat(check("additional-property-of-wrong-type")).containsExactly(
        error("spec.labels.tier", "Invalid value: \"integer\": spec.labels.tier in body must be of type string: \"integer\""));
  }

  @Test
  void min_properties_and_max_properties_count_the_fields_that_survive_pruning() {
    assertThat(check("too-few-properties")).containsExactly(
        error("spec.choice", "Invalid value: 0: spec.choice in body should have at least 1 properties"));
    assertThat(check("too-many-properties")).containsExactly(
        error("spec.choice", "Too many: 2: must have at most 1 items"));
  }

  @Test
  void fields_the_schema_does_not_declare_are_warned_about_as_pruned() {
    assertThat(check("unknown-fields")).containsExactly(
        warning("extra", "unknown field \"extra\""),
        warning("spec.colour", "unknown field \"spec.colour\""),
        warning("spec.choice.c", "unknown field \"spec.choice.c\""));
  }

  @Test
  void preserve_unknown_fields_keeps_undeclared_fields_but_still_checks_declared_ones() {
    assertThat(check("preserved-unknown-fields-keep-declared-checks")).containsExactly(
        error("spec.loose.known", "Invalid value: \"string\": spec.loose.known in body must be of type integer: \"string\""));
  }

  @Test
  void any_of_needs_one_matching_branch() {
    assertThat(check("any-of-no-branch-matches")).containsExactly(
        error("spec.either", "Invalid value: \"middle\": spec.either in body must validate at least one schema (anyOf)"));
  }

  @Test
  void all_of_reports_every_failing_branch() {
    assertThat(check("all-of-every-branch-checked")).containsExactly(
        error("spec.both", "Invalid value: \"y\": spec.both in body should be at least 2 chars long"),
        error("spec.both", "Invalid value: \"y\": spec.both in body should match '^x'"));
  }

  @Test
  void metadata_name_must_be_a_dns_subdomain_of_at_most_253_characters() {
    assertThat(check("metadata-name-not-dns-subdomain")).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("metadata.name");
      assertThat(f.message()).startsWith("Invalid value: \"Widget_1\": a lowercase RFC 1123 subdomain must consist of");
    });
    assertThat(check("metadata-name-too-long")).extracting(SchemaFinding::field, SchemaFinding::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("metadata.name", "Invalid value: \"" + "a".repeat(117)
            + "...\": must be no more than 253 characters"));
  }

  @Test
  void metadata_namespace_must_be_a_dns_label() {
    assertThat(check("metadata-namespace-not-dns-label")).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("metadata.namespace");
      assertThat(f.message()).startsWith("Invalid value: \"team.a\": a lowercase RFC 1123 label must consist of");
    });
  }

  @Test
  void label_values_must_be_strings() {
    assertThat(check("metadata-label-not-string")).containsExactly(error("metadata.labels.replicas",
        "Invalid value: \"integer\": metadata.labels.replicas in body must be of type string: \"integer\""));
  }

  @Test
  void a_document_that_is_not_an_object_is_refused_as_a_whole() {
    assertThat(check("not-an-object")).containsExactly(
        error("", "Invalid value: \"string\": body must be of type object: \"string\""));
  }

  @Test
  void the_status_is_checked_like_the_spec() {
    assertThat(check("status-checked-too")).containsExactly(
        error("status.phase", "Invalid value: \"integer\": status.phase in body must be of type string: \"integer\""));
  }

  @Test
  void a_schema_with_an_invalid_pattern_is_refused_when_parsed() {
    JsonNode broken = YamlFixtures.YAML.readTree("type: object\nproperties:\n  a: {type: string, pattern: '('}\n");

    assertThatThrownBy(() -> StructuralSchema.of(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openAPIV3Schema.properties.a");
  }

  @Test
  void a_finding_prints_like_a_kubectl_field_error() {
    assertThat(error("spec.name", "Required value")).hasToString("spec.name: Required value");
    assertThat(error("spec.name", "Required value").isError()).isTrue();
    assertThat(warning("spec.x", "unknown field \"spec.x\"").isError()).isFalse();
  }
}

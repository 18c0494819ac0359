package io.secretgate.validation;

import static io.secretgate.validation.ViolationCode.INVALID_SPEC;

import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Binds an untyped object (already checked against the schema) to the typed model. */
public final class Binding {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Binding() {}

  /** The typed object exactly as {@link #bind} binds it, or empty when it does not fit. */
  public static <T> Optional<T> tryBind(JsonNode object, Class<T> type) {
    try {
      return Optional.of(MAPPER.treeToValue(object, type));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The typed object, or empty with an INVALID_SPEC violation naming the field that did not fit. */
  public static <T> Optional<T> bind(JsonNode object, Class<T> type, List<Violation> violations) {
    try {
      return Optional.of(MAPPER.treeToValue(object, type));
    } catch (JacksonException e) {
      String field = e.getPath().stream()
          .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
          .reduce("", String::concat);
      violations.add(new Violation(field.startsWith(".") ? field.substring(1) : field, INVALID_SPEC,
          "value does not fit the ExternalSecret API: " + e.getOriginalMessage()));
      return Optional.empty();
    }
  }
}

package io.secretgate.admission;

import static io.secretgate.manifest.JsonShape.describe;

import io.secretgate.api.ExternalSecret;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an object decodes into the ExternalSecret model at all: maps where the model has objects,
 * lists where it has lists, scalars where it has scalars (e.g. {@code spec: "x"} does not). Values
 * the model can hold but the API refuses (an unknown enum value, an unknown field, a bad pattern)
 * decode here and are left to the check, which names them as violations.
 */
final class ObjectDecoding {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
      .build();

  private ObjectDecoding() {}

  /** Empty when {@code object} decodes; otherwise which field does not, and what it holds. */
  static Optional<String> problem(JsonNode object) {
    try {
      MAPPER.treeToValue(object, ExternalSecret.class);
      return Optional.empty();
    } catch (JacksonException e) {
      StringBuilder field = new StringBuilder();
      JsonNode value = object;
      for (JacksonException.Reference r : e.getPath()) {
        if (r.getPropertyName() != null) {
          field.append(field.length() == 0 ? "" : ".").append(r.getPropertyName());
          value = value.path(r.getPropertyName());
        } else {
          field.append('[').append(r.getIndex()).append(']');
          value = value.path(r.getIndex());
        }
      }
      String holds = value.isMissingNode() ? "a value" : describe(value);
      return Optional.of((field.length() == 0 ? "the object" : field) + " holds " + holds + ", which does not fit the ExternalSecret API there");
    }
  }
}

package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.Map;

/** {@code target.template.templateFrom[]}: recognised, not supported by secretgate yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplateFrom {
  @PreserveUnknownFields public Map<String, Object> configMap;
  @PreserveUnknownFields public Map<String, Object> secret;
  public String target;
  public String literal;
}

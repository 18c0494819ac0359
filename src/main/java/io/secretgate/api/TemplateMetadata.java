package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code target.template.metadata}: labels and annotations put on the target Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TemplateMetadata {
  public Map<String, String> labels;
  public Map<String, String> annotations;
  public List<String> finalizers;
}

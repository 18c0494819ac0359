package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** {@code target.template.templateFrom[]}: recognised, not supported by secretgate yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TemplateFrom {
  public TemplateRef configMap;
  public TemplateRef secret;
  public String target;
  public String literal;

  /** {@code templateFrom[].configMap} / {@code .secret}: templates kept in a ConfigMap or Secret. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TemplateRef {
    @Required
    @Pattern(ApiPatterns.DNS1123_SUBDOMAIN)
    @Size(min = 1, max = 253)
    public String name;

    @Required public List<TemplateRefItem> items;
  }

  /** One key of the ConfigMap/Secret used as a template. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TemplateRefItem {
    @Required
    @Pattern(ApiPatterns.SECRET_KEY)
    @Size(min = 1, max = 253)
    public String key;

    public TemplateScope templateAs;
  }

  /** {@code templateAs}: render the template's result as values or as keys and values. */
  public enum TemplateScope {
    Values,
    KeysAndValues
  }
}

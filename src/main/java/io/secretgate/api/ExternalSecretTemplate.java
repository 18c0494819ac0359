package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code spec.target.template}: shape of the target Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretTemplate {
  public String type;
  public EngineVersion engineVersion;
  public TemplateMetadata metadata;
  public TemplateMergePolicy mergePolicy;
  public Map<String, String> data;
  public List<TemplateFrom> templateFrom;

  public TemplateMergePolicy effectiveMergePolicy() {
    return mergePolicy == null ? TemplateMergePolicy.Replace : mergePolicy;
  }

  /** {@code engineVersion}: only v2 exists. */
  public enum EngineVersion {
    v2
  }

  /** {@code mergePolicy}: whether provider data is kept beside template data. */
  public enum TemplateMergePolicy {
    Replace,
    Merge
  }
}

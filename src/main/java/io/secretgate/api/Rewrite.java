package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** {@code dataFrom[].rewrite[]}: key rewrites applied to the keys of a dataFrom entry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Rewrite {
  public RegexpRewrite regexp;
  public TransformRewrite transform;

  @PreserveUnknownFields public Map<String, Object> merge;

  /** {@code rewrite[].regexp}: replace every match of {@code source} by {@code target}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class RegexpRewrite {
    @Required public String source;
    @Required public String target;
  }

  /** {@code rewrite[].transform}: a Go template over the key. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class TransformRewrite {
    @Required public String template;
  }
}

package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** {@code spec.conditions[]} of a ClusterSecretStore: which namespaces may use it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ClusterSecretStoreCondition {
  @SchemaFrom(type = LabelSelectorSchema.class)
  public LabelSelector namespaceSelector;
  public List<@Pattern(ApiPatterns.DNS1123_LABEL) @Size(min = 1, max = 63) String> namespaces;
  public List<String> namespaceRegexes;
}

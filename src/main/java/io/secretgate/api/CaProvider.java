package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** {@code provider.vault.caProvider}: a CA bundle kept in a Secret or ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CaProvider {
  @Required public Type type;
  @Required
  @Pattern(ApiPatterns.DNS1123_SUBDOMAIN)
  @Size(min = 1, max = 253)
  public String name;

  @Pattern(ApiPatterns.SECRET_KEY)
  @Size(min = 1, max = 253)
  public String key;

  @Pattern(ApiPatterns.DNS1123_LABEL)
  @Size(min = 1, max = 63)
  public String namespace;

  /** Where the CA bundle lives. */
  public enum Type {
    Secret,
    ConfigMap
  }
}

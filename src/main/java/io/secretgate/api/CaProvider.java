package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** {@code provider.vault.caProvider}: a CA bundle kept in a Secret or ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CaProvider {
  @Required public Type type;
  @Required public String name;
  public String key;
  public String namespace;

  /** Where the CA bundle lives. */
  public enum Type {
    Secret,
    ConfigMap
  }
}

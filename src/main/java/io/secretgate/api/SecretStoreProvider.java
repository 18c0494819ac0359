package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.Set;

/**
 * {@code spec.provider}: exactly one provider key. Only {@code vault} is typed; the others (aws, gcp,
 * ...) are kept as they are, because another controller may own them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@PreserveUnknownFields
public class SecretStoreProvider {
  public VaultProvider vault;

  @JsonIgnore private final Map<String, Object> others = new LinkedHashMap<>();

  @JsonAnySetter
  public void setOther(String name, Object value) {
    others.put(name, value);
  }

  @JsonAnyGetter
  public Map<String, Object> others() {
    return others;
  }

  /** Names of every provider key present, vault included. */
  public Set<String> providerNames() {
    Set<String> names = new TreeSet<>(others.keySet());
    if (vault != null) names.add("vault");
    return names;
  }
}

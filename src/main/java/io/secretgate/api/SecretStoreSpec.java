package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** Spec shared by SecretStore and ClusterSecretStore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretStoreSpec {
  public String controller;
  /** Exactly one provider key (ESO's schema: minProperties 1, maxProperties 1). */
  @Required
  @Size(min = 1, max = 1)
  public SecretStoreProvider provider;
  public RetrySettings retrySettings;
  public IntOrString refreshInterval;
  public List<ClusterSecretStoreCondition> conditions;
}

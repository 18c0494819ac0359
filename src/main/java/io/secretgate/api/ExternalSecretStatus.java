package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Nullable;
import java.util.List;

/** {@code ExternalSecret.status} as ESO writes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretStatus {
  @Nullable public String refreshTime;
  public String syncedResourceVersion;
  public List<Condition> conditions;
  public SecretBinding binding;
}

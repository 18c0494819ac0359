package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One {@code spec.data[]} entry: Secret key {@code secretKey} takes the value found at {@code remoteRef}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretData {
  @Required
  @Pattern("^[-._a-zA-Z0-9]+$")
  @Size(min = 1, max = 253)
  public String secretKey;

  @Required public RemoteRef remoteRef;
  @Size(min = 1, max = 1)
  public StoreSourceRef sourceRef;
}

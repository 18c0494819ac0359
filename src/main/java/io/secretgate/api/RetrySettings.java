package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.retrySettings}: Vault client retries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySettings {
  public Integer maxRetries;
  public String retryInterval;
}

package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code status.binding}: the servicebinding.io reference to the target Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretBinding {
  public String name;
}

package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A key in a Kubernetes Secret ({@code name}, {@code key}, optional {@code namespace}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeySelector {
  public String name;
  public String key;
  public String namespace;
}

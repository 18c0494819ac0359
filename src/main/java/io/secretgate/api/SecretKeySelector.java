package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** A key in a Kubernetes Secret ({@code name}, {@code key}, optional {@code namespace}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretKeySelector {
  @Pattern(ApiPatterns.DNS1123_SUBDOMAIN)
  @Size(min = 1, max = 253)
  public String name;

  @Pattern(ApiPatterns.SECRET_KEY)
  @Size(min = 1, max = 253)
  public String key;

  @Pattern(ApiPatterns.DNS1123_LABEL)
  @Size(min = 1, max = 63)
  public String namespace;
}

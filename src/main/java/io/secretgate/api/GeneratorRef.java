package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to an ESO generator; recognised, not supported by secretgate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class GeneratorRef {
  public String apiVersion;
  @Required public String kind;
  @Required
  @Pattern(ApiPatterns.DNS1123_SUBDOMAIN)
  @Size(min = 1, max = 253)
  public String name;
}

package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A reference to an ESO generator; recognised, not supported by secretgate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratorRef {
  public String apiVersion;
  @Required public String kind;
  @Required public String name;
}

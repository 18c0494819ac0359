package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A status condition ({@code type: Ready} is the only one written), ESO's shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Condition {
  @Required public String type;
  @Required public String status;
  public String reason;
  public String message;
  public String lastTransitionTime;
}

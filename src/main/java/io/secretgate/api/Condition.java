package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A status condition ({@code type: Ready} is the only one written), ESO's shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
  public String type;
  public String status;
  public String reason;
  public String message;
  public String lastTransitionTime;
}

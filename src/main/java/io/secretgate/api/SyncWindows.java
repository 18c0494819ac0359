package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code spec.syncWindows} (ESO v2.7+): recognised; secretgate does not gate refreshes by it yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SyncWindows {
  public String kind;
  public List<Window> windows;

  /** One cron window. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Window {
    public String schedule;
    public String duration;
  }
}

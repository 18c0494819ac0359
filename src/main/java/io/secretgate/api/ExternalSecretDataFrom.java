package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One {@code spec.dataFrom[]} entry: exactly one of extract, find or a generator source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExternalSecretDataFrom {
  public RemoteRef extract;
  public Find find;
  public List<Rewrite> rewrite;

  @Size(min = 1, max = 1)
  public StoreSourceRef sourceRef;
}

package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One {@code spec.dataFrom[]} entry: exactly one of extract, find or a generator source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretDataFrom {
  public RemoteRef extract;
  public Find find;
  public List<Rewrite> rewrite;
  public StoreSourceRef sourceRef;
}

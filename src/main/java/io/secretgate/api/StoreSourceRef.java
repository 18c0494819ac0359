package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code data[].sourceRef} / {@code dataFrom[].sourceRef}: a per-entry store (or generator) override. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StoreSourceRef {
  public SecretStoreRef storeRef;
  public GeneratorRef generatorRef;
}

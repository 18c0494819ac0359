package io.secretgate.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** {@code spec.secretStoreRef}: which store an ExternalSecret reads from. An empty kind means SecretStore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SecretStoreRef {
  @Pattern(ApiPatterns.DNS1123_SUBDOMAIN)
  @Size(min = 1, max = 253)
  public String name;

  public StoreKind kind;

  public SecretStoreRef() {}

  public SecretStoreRef(String name, StoreKind kind) {
    this.name = name;
    this.kind = kind;
  }

  /** The kind this reference resolves to: ESO treats a missing kind as {@code SecretStore}. */
  public StoreKind effectiveKind() {
    return kind == null ? StoreKind.SecretStore : kind;
  }
}

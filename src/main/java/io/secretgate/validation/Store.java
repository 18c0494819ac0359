package io.secretgate.validation;

import io.secretgate.api.SecretStoreSpec;
import io.secretgate.api.StoreKind;

/** A store as the checks see it: kind, name, namespace (null for a ClusterSecretStore) and spec. */
public record Store(StoreKind kind, String name, String namespace, SecretStoreSpec spec) {

  /** {@code ClusterSecretStore/name} or {@code SecretStore ns/name}, as messages name it. */
  public String displayName() {
    return kind == StoreKind.ClusterSecretStore ? "ClusterSecretStore \"" + name + "\"" : "SecretStore \"" + namespace + "/" + name + "\"";
  }
}

package io.secretgate.api;

/** The two store kinds an ExternalSecret may reference. */
public enum StoreKind {
  SecretStore,
  ClusterSecretStore
}

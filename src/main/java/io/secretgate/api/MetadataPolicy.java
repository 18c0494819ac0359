package io.secretgate.api;

/** {@code remoteRef.metadataPolicy}; empty behaves as {@link #None}. */
public enum MetadataPolicy {
  None,
  Fetch
}

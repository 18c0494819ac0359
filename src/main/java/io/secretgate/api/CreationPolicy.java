package io.secretgate.api;

/** {@code spec.target.creationPolicy}; ESO's default is {@link #Owner}. */
public enum CreationPolicy {
  Owner,
  Orphan,
  Merge,
  None,
  CreateOrMerge
}

package io.secretgate.api;

/** {@code spec.target.deletionPolicy}; ESO's default is {@link #Retain}. */
public enum DeletionPolicy {
  Delete,
  Merge,
  Retain
}

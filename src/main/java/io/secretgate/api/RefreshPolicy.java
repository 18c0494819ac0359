package io.secretgate.api;

/** {@code spec.refreshPolicy}; empty behaves as {@link #Periodic}. */
public enum RefreshPolicy {
  CreatedOnce,
  Periodic,
  OnChange
}

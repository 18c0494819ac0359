package io.secretgate.api;

/** {@code nullBytePolicy} (ESO v2.3+); empty behaves as {@link #Ignore}. */
public enum NullBytePolicy {
  Ignore,
  Fail
}

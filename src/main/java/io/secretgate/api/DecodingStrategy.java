package io.secretgate.api;

/** {@code decodingStrategy}; empty behaves as {@link #None}. */
public enum DecodingStrategy {
  Auto,
  Base64,
  Base64URL,
  None
}

package io.secretgate.api;

/** {@code conversionStrategy} for dataFrom keys; empty behaves as {@link #Default}. */
public enum ConversionStrategy {
  Default,
  Unicode
}

package io.secretgate.validation;

/** A Vault API path that a field makes secretgate use, and the capability that use needs. */
public record VaultPathUse(String field, String path, String capability) {}

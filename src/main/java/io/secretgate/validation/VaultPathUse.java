package io.secretgate.validation;

import java.util.Set;

/**
 * A Vault API path that a field makes secretgate use, the capability that use needs, and the names
 * of the request parameters it sends (a KV v2 read of {@code remoteRef.version} sends
 * {@code version}).
 */
public record VaultPathUse(String field, String path, String capability, Set<String> parameters) {
  public VaultPathUse {
    parameters = Set.copyOf(parameters);
  }

  /** A use that sends no parameters. */
  public VaultPathUse(String field, String path, String capability) {
    this(field, path, capability, Set.of());
  }
}

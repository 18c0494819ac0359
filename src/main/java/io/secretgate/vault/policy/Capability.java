package io.secretgate.vault.policy;

import java.util.Locale;
import java.util.Optional;

/** A capability a Vault policy path block can grant (policy.go {@code cap2Int}). */
public enum Capability {
  CREATE,
  READ,
  UPDATE,
  PATCH,
  DELETE,
  LIST,
  SUDO,
  DENY,
  SUBSCRIBE,
  RECOVER;

  /** The lower-case name used in policy text and in the capabilities API, e.g. {@code "read"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The capability with this exact (lower-case) wire name; Vault does not fold case here. */
  public static Optional<Capability> fromWireName(String wireName) {
    for (Capability capability : values()) {
      if (capability.wireName().equals(wireName)) {
        return Optional.of(capability);
      }
    }
    return Optional.empty();
  }
}

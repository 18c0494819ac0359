package io.secretgate.admission;

import java.util.Locale;
import java.util.Optional;

/**
 * What to do when Vault cannot be asked what a store's token may do: let the object in with an
 * admission warning naming the unchecked paths ({@link #WARN}, the default), or refuse it
 * ({@link #DENY}).
 */
public enum VaultUnavailablePolicy {
  WARN,
  DENY;

  /** The value as written in configuration. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code warn} or {@code deny} exactly; anything else is empty. */
  public static Optional<VaultUnavailablePolicy> fromText(String text) {
    for (VaultUnavailablePolicy p : values()) {
      if (p.text().equals(text)) return Optional.of(p);
    }
    return Optional.empty();
  }
}

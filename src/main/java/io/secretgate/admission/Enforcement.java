package io.secretgate.admission;

import java.util.Locale;
import java.util.Optional;

/** What a violation does at admission: refuse the object, or let it in with admission warnings. */
public enum Enforcement {
  DENY,
  WARN;

  /** The value as written in configuration and in the {@code secretgate.io/enforcement} label. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code deny} or {@code warn} exactly (as written in a label or a flag); anything else is empty. */
  public static Optional<Enforcement> fromText(String text) {
    for (Enforcement e : values()) {
      if (e.text().equals(text)) return Optional.of(e);
    }
    return Optional.empty();
  }
}

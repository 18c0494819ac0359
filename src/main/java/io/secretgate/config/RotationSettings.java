package io.secretgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Rotation: whether workloads annotated {@code secretgate.io/restart-on-change: "true"} are rolled
 * when the data of a Secret they consume changes, and how long before a store's Vault token
 * expires it is reported (store status message and a {@code TokenExpiring} event).
 */
public record RotationSettings(boolean restartWorkloads, Duration tokenExpiryWarning) {
  public static final Duration DEFAULT_TOKEN_EXPIRY_WARNING = Duration.ofHours(24);

  public RotationSettings {
    Objects.requireNonNull(tokenExpiryWarning, "tokenExpiryWarning");
  }

  /** Restarts on, warning 24 hours ahead. */
  public static RotationSettings defaults() {
    return new RotationSettings(true, DEFAULT_TOKEN_EXPIRY_WARNING);
  }
}

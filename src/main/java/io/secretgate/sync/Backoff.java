package io.secretgate.sync;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Per-item exponential backoff with jitter and a cap: {@code base * 2^(failures-1)}, capped, then
 * scaled by a random factor in {@code [1 - jitter, 1]} so that items failing together spread out.
 */
public record Backoff(Duration base, Duration cap, double jitter, DoubleSupplier random) {

  /** ESO's numbers: 1 s doubling up to 7 minutes; 20% jitter. */
  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(7), 0.2, Math::random);
  }

  /** The delay before retry number {@code failures} (1 for the first failure). */
  public Duration delay(int failures) {
    int exp = Math.max(0, Math.min(failures - 1, 40));
    long ms = base.toMillis() * (1L << Math.min(exp, 30));
    if (exp > 30 || ms <= 0 || ms > cap.toMillis()) ms = cap.toMillis();
    double factor = 1.0 - jitter * random.getAsDouble();
    return Duration.ofMillis(Math.max(1, Math.round(ms * factor)));
  }
}

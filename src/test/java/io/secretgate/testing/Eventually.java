package io.secretgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for something that happens on another thread. */
public final class Eventually {
  private Eventually() {}

  /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code timeout}. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within " + timeout + ": " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}

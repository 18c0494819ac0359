package io.secretgate.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Named checks behind {@code /healthz} (liveness: is the process worth keeping?) and
 * {@code /readyz} (readiness: should it get traffic and count as up?). A check that throws fails.
 */
public final class HealthChecks {
  private final Map<String, BooleanSupplier> liveness = new LinkedHashMap<>();
  private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();

  /** Adds a liveness check; names are unique. */
  public synchronized HealthChecks liveness(String name, BooleanSupplier check) {
    add(liveness, name, check);
    return this;
  }

  /** Adds a readiness check; names are unique. */
  public synchronized HealthChecks readiness(String name, BooleanSupplier check) {
    add(readiness, name, check);
    return this;
  }

  /** The names of the liveness checks failing now, in the order they were added. */
  public List<String> failingLiveness() {
    return failing(snapshot(liveness));
  }

  /** The names of the readiness checks failing now, in the order they were added. */
  public List<String> failingReadiness() {
    return failing(snapshot(readiness));
  }

  private static void add(Map<String, BooleanSupplier> checks, String name, BooleanSupplier check) {
    if (name == null || name.isBlank() || check == null) throw new IllegalArgumentException("a check needs a name and a supplier");
    if (checks.putIfAbsent(name, check) != null) throw new IllegalArgumentException("check already added: " + name);
  }

  private synchronized Map<String, BooleanSupplier> snapshot(Map<String, BooleanSupplier> checks) {
    return new LinkedHashMap<>(checks);
  }

  private static List<String> failing(Map<String, BooleanSupplier> checks) {
    List<String> failing = new ArrayList<>();
    checks.forEach((name, check) -> {
      if (!passes(check)) failing.add(name);
    });
    return failing;
  }

  private static boolean passes(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }
}

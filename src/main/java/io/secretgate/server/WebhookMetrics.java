package io.secretgate.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.secretgate.admission.AdmissionAnswer.Outcome;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The admission endpoints' metrics on the shared registry (served on {@code /metrics}):
 * {@code secretgate_webhook_requests_total{path,outcome}} and the latency histogram
 * {@code secretgate_webhook_request_seconds{path}}. Meters are registered up front for the known
 * paths, so recording is a map lookup and two increments.
 */
public final class WebhookMetrics {
  static final String REQUESTS = "secretgate_webhook_requests";
  static final String SECONDS = "secretgate_webhook_request_seconds";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private record PathMeters(Map<Outcome, Counter> requests, Timer latency) {}

  private final Map<String, PathMeters> byPath;

  private WebhookMetrics(Map<String, PathMeters> byPath) {
    this.byPath = byPath;
  }

  /** Meters for each of {@code paths} on {@code registry}. */
  public static WebhookMetrics on(MeterRegistry registry, Collection<String> paths) {
    Map<String, PathMeters> byPath = new HashMap<>();
    for (String path : paths) {
      Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        counters.put(o, Counter.builder(REQUESTS).description("Admission requests by endpoint path and outcome")
            .tags("path", path, "outcome", o.label()).register(registry));
      }
      Timer latency = Timer.builder(SECONDS).description("Time to answer an admission request, body read to answer written")
          .tags("path", path).serviceLevelObjectives(BUCKETS).register(registry);
      byPath.put(path, new PathMeters(counters, latency));
    }
    return new WebhookMetrics(Map.copyOf(byPath));
  }

  /** Records nothing (tests and tools without a registry). */
  public static WebhookMetrics none() {
    return new WebhookMetrics(Map.of());
  }

  /** One request on {@code path} that ended with {@code outcome} after {@code nanos}; unknown paths are not recorded. */
  public void record(String path, Outcome outcome, long nanos) {
    PathMeters m = byPath.get(path);
    if (m == null) return;
    m.requests.get(outcome).increment();
    m.latency.record(nanos, TimeUnit.NANOSECONDS);
  }
}

package io.secretgate.testing;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The test client for the fabric8 mock API server: it waits up to a minute for an answer instead of
 * the default ten seconds.
 *
 * <p>Why: the mock server (8.0.0) can stall one of its event loops for up to 30 s. When a client closes
 * a watch while the server is still writing an event to it, the event loop waits (in
 * {@code WatchEventsListener.onClosed}) for the watch's sender thread, which waits (in
 * {@code VertxMockWebSocket.awaitWrite}, 30 s) for that same event loop. With the default ten-second
 * timeout the client gives up on a request caught behind the stall and sends it again; for a create the
 * server has by then stored the first one, and the test fails with a 409 "already exists" that no real
 * API server would give. CI saw exactly that once ({@code SelfManagedCertificatesIT}, 32 s class time).
 */
public final class PatientMockClient implements Consumer<KubernetesClientBuilder> {
  /** Longer than the mock server's worst stall (30 s), so a stalled request is answered, not repeated. */
  public static final int REQUEST_TIMEOUT_MILLIS = 60_000;

  /**
   * How long a test waits for something done through the mock server (a sync, a status, an informer
   * synced): twice its worst stall, so a request caught behind one still arrives in time. A ceiling
   * only; a passing wait ends as soon as its condition holds.
   */
  public static final Duration WAIT = Duration.ofSeconds(60);

  @Override
  public void accept(KubernetesClientBuilder builder) {
    builder.editOrNewConfig().withRequestTimeout(REQUEST_TIMEOUT_MILLIS).endConfig();
  }
}

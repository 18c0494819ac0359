package io.secretgate.sync;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ExternalSecret;
import io.secretgate.config.RotationSettings;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow events API holds no sync: Events are written by a sender thread of their own, as client-go's
 * recorder writes them, not by the sync worker that recorded them.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SlowEventsIT {
  static final Duration WAIT = PatientMockClient.WAIT;
  static KubernetesMockServer server;
  static KubernetesClient client;
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void eventsThatTakeLongerThanTheClientWaits() throws Exception {
    // longer than the client's request timeout: a worker waiting for one waits a whole minute
    server.expect().post().delay(2, TimeUnit.MINUTES).withPath("/api/v1/namespaces/payments/events")
        .andReturn(201, new EventBuilder().withNewMetadata().withName("slow").withNamespace("payments").endMetadata().build()).always();
    vault = RotationFixtures.clusterWithPaymentsVault(client);
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  @Test
  void one_worker_syncs_external_secret_after_external_secret_while_their_events_are_still_being_written() {
    controller = TestControllers.started(client, 1, new RotationSettings(false, Duration.ZERO), new SyncMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC(), WAIT);
    List<String> names = List.of("db-a", "db-b", "db-c");
    names.forEach(n -> client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret(n, "1h", "apps/payments/db")).create());

    await().atMost(WAIT).until(() -> names.stream().allMatch(this::ready));
  }

  private boolean ready(String name) {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName(name).get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return false;
    return es.getStatus().conditions.stream().anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status));
  }
}

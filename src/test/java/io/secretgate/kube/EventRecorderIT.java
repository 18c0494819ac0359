package io.secretgate.kube;

import io.secretgate.testing.MutableClock;

import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.testing.PatientMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EventRecorder}: core/v1 Events on the ExternalSecret, aggregated like client-go's. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class EventRecorderIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final SyncEvent FAILED = SyncEvent.warning("UpdateFailed", "error processing spec.data[0] (key: apps/db), err: permission denied");

  String ns;
  MutableClock clock;
  EventRecorder recorder;
  ExternalSecret es;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void anExternalSecret() {
    ns = KubeFixtures.freshNamespace();
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    recorder = new EventRecorder(client, clock, Duration.ofMinutes(10), "secretgate-0");
    es = createExternalSecret(client, ns, CreationPolicy.Owner);
  }

  List<Event> events() {
    return client.v1().events().inNamespace(ns).list().getItems();
  }

  @Test
  void records_an_event_on_the_externalsecret_from_secretgate() {
    recorder.record(es, SyncEvent.normal("Created", "secret created"));

    Event e = events().get(0);
    assertThat(events()).hasSize(1);
    assertThat(e.getMetadata().getName()).startsWith("db-credentials.");
    assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo("external-secrets.io/v1");
    assertThat(e.getInvolvedObject().getKind()).isEqualTo("ExternalSecret");
    assertThat(e.getInvolvedObject().getNamespace()).isEqualTo(ns);
    assertThat(e.getInvolvedObject().getName()).isEqualTo("db-credentials");
    assertThat(e.getInvolvedObject().getUid()).isEqualTo(es.getMetadata().getUid());
    assertThat(e.getInvolvedObject().getResourceVersion()).isEqualTo(es.getMetadata().getResourceVersion());
    assertThat(e.getType()).isEqualTo("Normal");
    assertThat(e.getReason()).isEqualTo("Created");
    assertThat(e.getMessage()).isEqualTo("secret created");
    assertThat(e.getSource().getComponent()).isEqualTo("secretgate");
    assertThat(e.getReportingComponent()).isEqualTo("secretgate");
    assertThat(e.getReportingInstance()).isEqualTo("secretgate-0");
    assertThat(e.getCount()).isEqualTo(1);
    assertThat(e.getFirstTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(e.getLastTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void the_same_event_again_within_the_window_counts_up_instead_of_adding_events() {
    recorder.record(es, FAILED);
    clock.advance(Duration.ofMinutes(4));
    recorder.record(es, FAILED);
    clock.advance(Duration.ofMinutes(4));
    recorder.record(es, FAILED);

    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Warning");
      assertThat(e.getCount()).isEqualTo(3);
      assertThat(e.getFirstTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
      assertThat(e.getLastTimestamp()).isEqualTo("2026-03-01T10:08:00Z");
    });
  }

  @Test
  void another_message_reason_or_object_is_another_event() {
    recorder.record(es, FAILED);
    recorder.record(es, SyncEvent.warning("UpdateFailed", "could not get store"));
    recorder.record(es, SyncEvent.normal("UpdateFailed", FAILED.message()));
    ExternalSecret other = createExternalSecret(client, ns, e -> e.getMetadata().setName("other"));
    recorder.record(other, FAILED);

    assertThat(events()).hasSize(4).allSatisfy(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  @Test
  void after_the_window_the_same_event_is_a_new_one() {
    recorder.record(es, FAILED);
    clock.advance(Duration.ofMinutes(11));
    recorder.record(es, FAILED);

    assertThat(events()).hasSize(2).allSatisfy(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  @Test
  void an_event_removed_meanwhile_is_recorded_afresh() {
    recorder.record(es, FAILED);
    client.v1().events().inNamespace(ns).delete();
    clock.advance(Duration.ofMinutes(1));

    recorder.record(es, FAILED);

    assertThat(events()).singleElement().satisfies(e -> {
      assertThat(e.getCount()).isEqualTo(1);
      assertThat(e.getFirstTimestamp()).isEqualTo("2026-03-01T10:01:00Z");
    });
  }

  @Test
  void a_refused_event_write_is_dropped_and_never_thrown() {
    server.expect().post().withPath("/api/v1/namespaces/" + ns + "/events")
        .andReturn(403, new StatusBuilder().withCode(403).build()).once();

    assertThatCode(() -> recorder.record(es, FAILED)).doesNotThrowAnyException();

    assertThat(events()).isEmpty();
  }
}

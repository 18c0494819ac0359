package io.secretgate.kube;

import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.secrets.SyncEvent;
import io.secretgate.testing.CapturedStderr;
import io.secretgate.testing.MutableClock;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.threads.ThreadHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QueuedEvents}: recording returns at once; one sender writes the Events in order, as client-go's broadcaster does. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class QueuedEventsIT {
  static final Duration WAIT = PatientMockClient.WAIT;
  static KubernetesMockServer server;
  static KubernetesClient client;

  String ns;
  ExternalSecret es;
  MutableClock clock;
  /** Each event POST waits until this is open. */
  final CountDownLatch gate = new CountDownLatch(1);
  Race posts;
  KubernetesClient gated;
  ThreadHealth health;
  QueuedEvents events;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void eventPostsThatWaitForTheGate() {
    ns = KubeFixtures.freshNamespace();
    es = createExternalSecret(client, ns, CreationPolicy.Owner);
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    posts = Race.before("POST", "/api/v1/namespaces/" + ns + "/events", Integer.MAX_VALUE, () -> awaitQuietly(gate));
    gated = posts.client(server);
    health = new ThreadHealth("the controller");
  }

  @AfterEach
  void open() {
    gate.countDown();
    if (events != null) events.stop(Duration.ofSeconds(5));
    gated.close();
  }

  @Test
  void record_returns_while_the_events_api_has_not_answered_and_the_event_is_written_later() {
    events = queued(QueuedEvents.CAPACITY);

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> events.record(es, created(1)));
    await().atMost(WAIT).until(() -> posts.requests() == 1);
    assertThat(written()).as("written before the API answered").isEmpty();

    gate.countDown();
    Event e = await().atMost(WAIT).until(this::written, l -> !l.isEmpty()).get(0);
    assertThat(e.getReason()).isEqualTo("Created");
    assertThat(e.getMessage()).isEqualTo("secret created 1");
    assertThat(e.getFirstTimestamp()).as("the time it was recorded at").isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void events_are_written_in_the_order_they_were_recorded() {
    events = queued(QueuedEvents.CAPACITY);

    IntStream.rangeClosed(1, 5).forEach(i -> events.record(es, created(i)));
    gate.countDown();

    await().atMost(WAIT).until(() -> written().size() == 5);
    assertThat(posts.bodies()).extracting(b -> b.replaceAll(".*\"message\":\"(secret created \\d)\".*", "$1"))
        .containsExactly("secret created 1", "secret created 2", "secret created 3", "secret created 4", "secret created 5");
  }

  @Test
  void an_event_recorded_while_the_queue_is_full_is_dropped_and_logged_without_its_message() {
    events = queued(2);
    events.record(es, created(1));
    await().atMost(WAIT).until(() -> posts.requests() == 1); // the sender holds it; the queue is empty again
    events.record(es, created(2));
    events.record(es, created(3));

    try (CapturedStderr log = new CapturedStderr()) {
      events.record(es, SyncEvent.warning("UpdateFailed", "error processing spec.data[0] (key: apps/db), err: permission denied"));

      assertThat(log.text()).contains("WARN io.secretgate.kube.QueuedEvents - dropped Warning event UpdateFailed on ExternalSecret " + ns
          + "/db-credentials: the queue of events to write is full (2 waiting)").doesNotContain("permission denied");
    }
    gate.countDown();
    await().atMost(WAIT).until(() -> written().size() == 3);
    assertThat(written()).extracting(Event::getReason).containsOnly("Created");
  }

  @Test
  void stop_writes_what_is_queued_before_it_returns() {
    events = queued(QueuedEvents.CAPACITY);
    IntStream.rangeClosed(1, 3).forEach(i -> events.record(es, created(i)));
    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(gate::countDown); // the API answers slowly

    events.stop(WAIT);

    assertThat(written()).hasSize(3);
  }

  @Test
  void stop_drops_what_is_still_queued_at_its_time_limit_with_one_line_giving_the_count() {
    events = queued(QueuedEvents.CAPACITY);
    IntStream.rangeClosed(1, 3).forEach(i -> events.record(es, created(i)));
    await().atMost(WAIT).until(() -> posts.requests() == 1);

    try (CapturedStderr log = new CapturedStderr()) {
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> events.stop(Duration.ofMillis(200)));
      events.record(es, created(4));

      assertThat(log.text()).contains("WARN io.secretgate.kube.QueuedEvents - 2 queued events were not written: the controller stopped before they"
          + " could be sent").contains("dropped Normal event Created on ExternalSecret " + ns + "/db-credentials: the controller is stopping");
    }
    gate.countDown();
    await().atMost(WAIT).until(() -> written().size() == 1); // the one the API had when the time was up
    assertThat(posts.requests()).isEqualTo(1);
    await().atMost(WAIT).until(events::idle); // nothing left counted as unsent, the one recorded after stop included
  }

  @Test
  void a_sender_that_dies_of_an_error_the_jvm_may_not_survive_makes_the_controller_unhealthy() {
    Race failing = Race.before("POST", "/api/v1/namespaces/" + ns + "/events", 1, () -> {
      throw new NoClassDefFoundError("io/secretgate/Missing");
    });
    try (KubernetesClient broken = failing.client(server)) {
      events = new QueuedEvents(new EventRecorder(broken, clock), health);

      events.record(es, created(1));

      await().atMost(WAIT).until(() -> !health.healthy());
    }
  }

  private QueuedEvents queued(int capacity) {
    return new QueuedEvents(new EventRecorder(gated, clock), health, capacity);
  }

  private static SyncEvent created(int i) {
    return SyncEvent.normal("Created", "secret created " + i);
  }

  private List<Event> written() {
    return client.v1().events().inNamespace(ns).list().getItems();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

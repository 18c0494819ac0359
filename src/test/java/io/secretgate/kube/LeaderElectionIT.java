package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.config.LeaderElectionSettings;
import io.secretgate.testing.Eventually;
import io.secretgate.testing.Leases;
import io.secretgate.testing.PatientMockClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leader election on a Lease in the fabric8 mock API server (CRUD mode). */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class LeaderElectionIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Duration WAIT = PatientMockClient.WAIT;
  /** A lease long enough that a takeover within the test (within {@link #WAIT}) can only come from a release. */
  static final Duration LEASE = WAIT.multipliedBy(2);

  final List<LeaderElection> elections = new ArrayList<>();

  @AfterEach
  void stopAll() {
    elections.forEach(LeaderElection::stop);
  }

  static LeaderElectionSettings settings(String lease, String identity) {
    return new LeaderElectionSettings(true, lease, "ops", identity, LEASE, Duration.ofSeconds(2), Duration.ofMillis(100));
  }

  /** Records what the election tells its listener. */
  static final class Events implements LeaderElection.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void startedLeading() {
      events.add("started");
    }

    @Override
    public void stoppedLeading() {
      events.add("stopped");
    }
  }

  LeaderElection elect(String lease, String identity, Events events) {
    LeaderElection e = LeaderElection.onLease(client, settings(lease, identity), events);
    elections.add(e);
    e.start();
    return e;
  }

  Lease lease(String name) {
    return client.leases().inNamespace("ops").withName(name).get();
  }

  @Test
  void with_election_off_the_process_leads_as_soon_as_it_starts() {
    Events events = new Events();
    LeaderElection e = LeaderElection.disabled(settings("unused", "solo"), events);
    e.start();
    assertThat(e.isLeader()).isTrue();
    assertThat(e.hasObservedLeader()).isTrue();
    assertThat(e.running()).isTrue();
    assertThat(events.events).containsExactly("started");
    e.stop();
    assertThat(e.isLeader()).isFalse();
    assertThat(events.events).containsExactly("started", "stopped");
  }

  @Test
  void the_first_elector_takes_the_lease_and_writes_its_identity_and_duration() {
    Events events = new Events();
    LeaderElection a = elect("first", "pod-a", events);
    Eventually.await(WAIT, "pod-a leads", () -> a.isLeader() && !events.events.isEmpty());
    assertThat(events.events).containsExactly("started");
    assertThat(a.leader()).contains("pod-a");
    Lease lease = lease("first");
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("pod-a");
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo((int) LEASE.toSeconds());
  }

  @Test
  void of_two_electors_on_one_lease_exactly_one_leads_and_the_other_knows_which() throws InterruptedException {
    LeaderElection a = elect("two", "pod-a", new Events());
    LeaderElection b = elect("two", "pod-b", new Events());
    Eventually.await(WAIT, "both see a leader", () -> a.hasObservedLeader() && b.hasObservedLeader());
    for (int i = 0; i < 10; i++) {
      assertThat(a.isLeader() ^ b.isLeader()).as("exactly one leads").isTrue();
      Thread.sleep(50);
    }
    String leader = a.isLeader() ? "pod-a" : "pod-b";
    assertThat(a.leader()).contains(leader);
    assertThat(b.leader()).contains(leader);
    assertThat(lease("two").getSpec().getHolderIdentity()).isEqualTo(leader);
  }

  @Test
  void stopping_the_leader_releases_the_lease_and_the_standby_takes_over_without_waiting_for_expiry() {
    Events aEvents = new Events();
    Events bEvents = new Events();
    LeaderElection a = elect("handover", "pod-a", aEvents);
    Eventually.await(WAIT, "pod-a leads", a::isLeader);
    LeaderElection b = elect("handover", "pod-b", bEvents);
    Eventually.await(WAIT, "pod-b sees pod-a lead", () -> b.leader().filter("pod-a"::equals).isPresent());
    assertThat(b.isLeader()).isFalse();

    long stoppedAt = System.nanoTime();
    a.stop();

    assertThat(aEvents.events).containsExactly("started", "stopped");
    assertThat(a.isLeader()).isFalse();
    assertThat(a.running()).isFalse();
    Eventually.await(WAIT, "pod-b leads", () -> b.isLeader() && bEvents.events.contains("started"));
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(LEASE);
    assertThat(bEvents.events).containsExactly("started");
    assertThat(lease("handover").getSpec().getHolderIdentity()).isEqualTo("pod-b");
  }

  @Test
  void a_released_lease_expires_one_second_after_the_release() {
    // fabric8 releases with a JSON merge patch, which cannot clear holderIdentity: it shortens the lease instead
    LeaderElection a = elect("released", "pod-a", new Events());
    Eventually.await(WAIT, "pod-a leads", a::isLeader);
    a.stop();
    Lease lease = lease("released");
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
    assertThat(lease.getSpec().getRenewTime().toInstant()).isAfter(java.time.Instant.now().minusSeconds(5));
  }

  @Test
  void stop_returns_in_time_even_when_the_api_server_never_answers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0);
        KubernetesClient unanswered = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).build()).build()) {
      LeaderElection e = LeaderElection.onLease(unanswered, new LeaderElectionSettings(true, "silent", "ops", "pod-a",
          Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)), new Events());
      e.start();
      Thread.sleep(300);

      long began = System.nanoTime();
      e.stop(Duration.ofSeconds(1));

      // the 1 s asked for, and room for a busy machine: a stop held up by the unanswered call takes the client's 10 s
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
      assertThat(e.hasObservedLeader()).isFalse();
      assertThat(e.isLeader()).isFalse();
    }
  }

  @Test
  void a_leader_whose_lease_is_taken_steps_down_and_enters_the_election_again() {
    Events events = new Events();
    LeaderElection a = elect("stolen", "pod-a", events);
    Eventually.await(WAIT, "pod-a leads", a::isLeader);

    Leases.steal(client, "ops", "stolen", "intruder");

    Eventually.await(WAIT, "pod-a steps down", () -> !a.isLeader() && events.events.size() == 2);
    assertThat(events.events).containsExactly("started", "stopped");
    Eventually.await(WAIT, "pod-a sees the intruder lead", () -> a.leader().filter("intruder"::equals).isPresent());
    assertThat(a.running()).as("back in the election").isTrue();
  }
}

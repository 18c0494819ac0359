package io.secretgate.sync;

import static io.secretgate.rollout.RolloutFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.dsl.ReturnOrWebsocketable;
import io.fabric8.mockwebserver.dsl.TimesOnceableOrHttpHeaderable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.kube.EventRecorder;
import io.secretgate.kube.Workloads;
import io.secretgate.rollout.RolloutPlan;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.threads.ThreadHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workload restarts against the mock API server (CRUD): one test per route of consuming a Secret,
 * batching, idempotence. Windows are closed by hand ({@code flushAll}), so nothing depends on timing.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class WorkloadRestartsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static final String NS = "shop";
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NS + "/deployments";

  SimpleMeterRegistry registry;
  WorkloadRestarts restarts;

  @BeforeEach
  void secretsWithDataHashes() {
    for (String name : List.of("db", "tls", "api-keys", "unrelated")) secret(name, "h-" + name + "-1");
    registry = new SimpleMeterRegistry();
    restarts = new WorkloadRestarts(new Workloads(client), new EventRecorder(client, Clock.systemUTC()), new SyncMetrics(registry),
        Duration.ofHours(1));
  }

  @AfterEach
  void clean() {
    restarts.close();
    client.apps().deployments().inNamespace(NS).delete();
    client.apps().statefulSets().inNamespace(NS).delete();
    client.apps().daemonSets().inNamespace(NS).delete();
    client.secrets().inNamespace(NS).delete();
    client.v1().events().inNamespace(NS).delete();
  }

  @Test
  void a_deployment_consuming_the_secret_through_envFrom_is_rolled() {
    deployment("api", true, template("env-from.yaml"));
    changed("db");
    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db"));
    assertThat(restartsOf("Deployment")).isEqualTo(1.0);
  }

  @Test
  void a_stateful_set_consuming_the_secret_through_an_env_secretKeyRef_is_rolled() {
    client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder().withMetadata(meta("ledger", true))
        .withNewSpec().withServiceName("ledger").withTemplate(template("secret-key-ref.yaml")).endSpec().build()).create();
    changed("db");
    assertThat(templateHash("StatefulSet", "ledger")).contains(expectedHash("db"));
    assertThat(restartsOf("StatefulSet")).isEqualTo(1.0);
  }

  @Test
  void a_daemon_set_consuming_the_secret_through_a_projected_volume_is_rolled() {
    client.apps().daemonSets().inNamespace(NS).resource(new DaemonSetBuilder().withMetadata(meta("agent", true))
        .withNewSpec().withTemplate(template("volumes.yaml")).endSpec().build()).create();
    changed("tls");
    assertThat(templateHash("DaemonSet", "agent")).contains(expectedHash("db", "tls"));
    assertThat(restartsOf("DaemonSet")).isEqualTo(1.0);
  }

  @Test
  void a_deployment_consuming_the_secret_only_through_the_injection_annotation_is_rolled() {
    deployment("worker", true, template("inject-annotation.yaml"));
    changed("api-keys");
    assertThat(templateHash("Deployment", "worker")).contains(expectedHash("api-keys", "db"));
  }

  @Test
  void several_secrets_changing_in_one_round_roll_each_workload_exactly_once() {
    deployment("api", true, template("volumes.yaml"));
    deployment("worker", true, template("env-from.yaml"));
    secret("db", "h-db-2");
    secret("tls", "h-tls-2");
    restarts.secretChanged(NS, "db");
    restarts.secretChanged(NS, "tls");
    restarts.secretChanged(NS, "db");
    restarts.flushAll();

    assertThat(restartsOf("Deployment")).isEqualTo(2.0);
    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db", "tls"));
    assertThat(templateHash("Deployment", "worker")).contains(expectedHash("db"));
    List<Event> events = events("api");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.getType()).isEqualTo("Normal");
      assertThat(e.getReason()).isEqualTo("RolloutTriggered");
      assertThat(e.getMessage()).isEqualTo("rolled because the data of Secrets db, tls changed");
      assertThat(e.getCount()).isEqualTo(1);
      assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
    });
  }

  /**
   * kubectl rollout restart refuses a paused Deployment ("can't restart paused deployment (run rollout resume first)"):
   * its Pods are not replaced until it is resumed. The hash is still written, so resuming rolls the Pods onto the new
   * data, but the Event must not claim a rollout that is not happening.
   */
  @Test
  void a_paused_deployment_gets_the_hash_and_an_event_saying_its_pods_roll_once_it_is_resumed() {
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withMetadata(meta("api", true))
        .withNewSpec().withPaused(true).withTemplate(template("env-from.yaml")).endSpec().build()).create();
    changed("db");
    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db"));
    assertThat(events("api")).singleElement().satisfies(e -> assertThat(e.getMessage())
        .isEqualTo("rolled because the data of Secret db changed; the Deployment is paused: its Pods are replaced once it is resumed"));
  }

  @Test
  void the_same_change_reported_again_does_not_roll_again() {
    deployment("api", true, template("env-from.yaml"));
    changed("db");
    String resourceVersion = client.apps().deployments().inNamespace(NS).withName("api").get().getMetadata().getResourceVersion();
    changed("db");
    assertThat(restartsOf("Deployment")).isEqualTo(1.0);
    assertThat(client.apps().deployments().inNamespace(NS).withName("api").get().getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  @Test
  void workloads_without_the_annotation_or_not_consuming_the_secret_are_not_touched() {
    deployment("plain", false, template("env-from.yaml"));
    deployment("other", true, template("nothing.yaml"));
    changed("db");
    changed("unrelated");
    assertThat(templateHash("Deployment", "plain")).isEmpty();
    assertThat(templateHash("Deployment", "other")).isEmpty();
    assertThat(restartsOf("Deployment")).isZero();
  }

  @Test
  void a_deployment_rolled_before_is_rolled_again_when_its_secret_is_created_again_with_new_data() {
    deploymentRolledThenSecretDbCreatedAgainWith("h-db-2");

    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db"));
    assertThat(restartsOf("Deployment")).isEqualTo(2.0);
    assertThat(events("api")).singleElement().satisfies(e -> {
      assertThat(e.getMessage()).isEqualTo("rolled because the data of Secret db changed");
      assertThat(e.getCount()).isEqualTo(2);
    });
  }

  @Test
  void a_secret_created_again_with_the_same_data_rolls_nothing() {
    deploymentRolledThenSecretDbCreatedAgainWith("h-db-1");

    assertThat(restartsOf("Deployment")).isEqualTo(1.0);
  }

  @Test
  void a_secret_created_for_a_deployment_never_rolled_rolls_nothing_as_at_a_first_deployment() {
    deployment("api", true, template("env-from.yaml"));
    created("db");
    assertThat(templateHash("Deployment", "api")).isEmpty();
    assertThat(restartsOf("Deployment")).isZero();
  }

  @Test
  void a_restart_whose_workload_list_the_api_server_refuses_is_not_lost_and_rolls_at_the_next_try() {
    deployment("api", true, template("env-from.yaml"));
    refuseOnce(server.expect().get().withPath(DEPLOYMENTS));

    changed("db");
    assertThat(templateHash("Deployment", "api")).isEmpty();
    restarts.flushAll();

    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db"));
    assertThat(restartsOf("Deployment")).isEqualTo(1.0);
  }

  @Test
  void a_retry_after_a_refused_patch_rolls_only_the_workload_left_behind_and_each_workload_once() {
    deployment("api", true, template("env-from.yaml"));
    deployment("worker", true, template("env-from.yaml"));
    refuseOnce(server.expect().patch().withPath(DEPLOYMENTS + "/worker"));

    changed("db");
    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db"));
    assertThat(templateHash("Deployment", "worker")).isEmpty();
    restarts.flushAll();

    assertThat(templateHash("Deployment", "worker")).contains(expectedHash("db"));
    assertThat(restartsOf("Deployment")).isEqualTo(2.0);
    assertThat(events("api")).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  @Test
  void a_change_arriving_while_a_failed_batch_waits_is_rolled_with_it_once() {
    deployment("api", true, template("volumes.yaml"));
    refuseOnce(server.expect().get().withPath(DEPLOYMENTS));
    changed("db");
    secret("tls", "h-tls-2");

    changed("tls");

    assertThat(restartsOf("Deployment")).isEqualTo(1.0);
    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db", "tls"));
    assertThat(events("api")).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo("rolled because the data of Secrets db, tls changed"));
  }

  @Test
  void a_failed_batch_is_tried_again_by_itself_after_the_backoff() {
    deployment("api", true, template("env-from.yaml"));
    refuseOnce(server.expect().get().withPath(DEPLOYMENTS));
    Duration window = Duration.ofMillis(50);
    try (WorkloadRestarts quick = new WorkloadRestarts(new Workloads(client), new EventRecorder(client, Clock.systemUTC()),
        new SyncMetrics(registry), window, new Backoff(window, WorkloadRestarts.RETRY_CAP, 0, Math::random))) {
      quick.secretChanged(NS, "db");

      await().atMost(PatientMockClient.WAIT).until(() -> templateHash("Deployment", "api").isPresent());
    }
    assertThat(templateHash("Deployment", "api")).contains(expectedHash("db"));
    assertThat(restartsOf("Deployment")).isEqualTo(1.0);
  }

  @Test
  void a_timer_task_that_dies_of_an_error_the_jvm_may_not_survive_makes_the_controller_unhealthy() {
    deployment("api", true, template("env-from.yaml"));
    SimpleMeterRegistry broken = new SimpleMeterRegistry() {
      @Override
      protected Counter newCounter(Meter.Id id) {
        if (id.getName().startsWith(SyncMetrics.WORKLOAD_RESTARTS)) throw new NoClassDefFoundError("io/secretgate/Missing");
        return super.newCounter(id);
      }
    };
    ThreadHealth health = new ThreadHealth("the controller");
    Duration window = Duration.ofMillis(50);
    try (WorkloadRestarts quick = new WorkloadRestarts(new Workloads(client), new EventRecorder(client, Clock.systemUTC()),
        new SyncMetrics(broken), window, WorkloadRestarts.retryBackoff(window), health)) {
      quick.secretChanged(NS, "db");

      await().atMost(PatientMockClient.WAIT).until(() -> !health.healthy());
    }
  }

  @Test
  void failed_batches_are_tried_again_after_one_window_doubling_up_to_one_minute() {
    Backoff retries = WorkloadRestarts.retryBackoff(WorkloadRestarts.DEFAULT_WINDOW);
    assertThat(retries.delay(1)).isBetween(Duration.ofMillis(1600), Duration.ofSeconds(2));
    assertThat(retries.delay(3)).isBetween(Duration.ofMillis(6400), Duration.ofSeconds(8));
    assertThat(retries.delay(50)).isBetween(Duration.ofSeconds(48), Duration.ofMinutes(1));
  }

  /** The next request that matches is answered 403, as when RBAC lacks list or patch (the client does not retry it). */
  private static void refuseOnce(ReturnOrWebsocketable<TimesOnceableOrHttpHeaderable<Void>> request) {
    request.andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").build()).once();
  }

  /** Deployment api rolled for a change of Secret db, then db deleted and created again with {@code dataHash}. */
  private void deploymentRolledThenSecretDbCreatedAgainWith(String dataHash) {
    deployment("api", true, template("env-from.yaml"));
    changed("db");
    client.secrets().inNamespace(NS).withName("db").delete();
    secret("db", dataHash);
    created("db");
  }

  private void created(String name) {
    restarts.secretCreated(NS, name);
    restarts.flushAll();
  }

  private void changed(String name) {
    restarts.secretChanged(NS, name);
    restarts.flushAll();
  }

  private void secret(String name, String dataHash) {
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
        .addToAnnotations("reconcile.external-secrets.io/data-hash", dataHash).endMetadata().addToData("k", "dg==").build())
        .createOr(r -> r.update());
  }

  private void deployment(String name, boolean annotated, PodTemplateSpec template) {
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withMetadata(meta(name, annotated))
        .withNewSpec().withTemplate(template).endSpec().build()).create();
  }

  private static ObjectMeta meta(String name, boolean annotated) {
    return new ObjectMetaBuilder().withName(name).withNamespace(NS)
        .withAnnotations(new HashMap<>(annotated ? Map.of("secretgate.io/restart-on-change", "true") : Map.of())).build();
  }

  private Optional<String> templateHash(String kind, String name) {
    PodTemplateSpec t = switch (kind) {
      case "Deployment" -> client.apps().deployments().inNamespace(NS).withName(name).get().getSpec().getTemplate();
      case "StatefulSet" -> client.apps().statefulSets().inNamespace(NS).withName(name).get().getSpec().getTemplate();
      default -> client.apps().daemonSets().inNamespace(NS).withName(name).get().getSpec().getTemplate();
    };
    Map<String, String> a = t.getMetadata() == null ? null : t.getMetadata().getAnnotations();
    return Optional.ofNullable(a == null ? null : a.get("secretgate.io/secret-hash"));
  }

  /** The hash over the named Secrets' current data-hash annotations. */
  private String expectedHash(String... names) {
    return RolloutPlan.hash(new TreeSet<>(List.of(names)), n -> Optional.of(client.secrets().inNamespace(NS).withName(n).get()
        .getMetadata().getAnnotations().get("reconcile.external-secrets.io/data-hash")));
  }

  private double restartsOf(String kind) {
    Counter c = registry.find("secretgate_workload_restarts").tag("kind", kind).counter();
    return c == null ? 0 : c.count();
  }

  private List<Event> events(String workload) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> workload.equals(e.getInvolvedObject().getName())).toList();
  }
}

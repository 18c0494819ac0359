package io.secretgate.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Deployment: hardened, probed where serve answers, leader election and PDB by replica count. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChartDeploymentTest {
  @ParameterizedTest(name = "mode {0}")
  @ValueSource(strings = {"default", "beside-eso", "ha", "controller-only", "secret-namespaces"})
  void the_pod_runs_as_non_root_with_a_read_only_root_and_no_capabilities(String mode) {
    Rendered r = ChartFiles.render(mode);
    PodSpec pod = r.deployment().getSpec().getTemplate().getSpec();
    PodSecurityContext podContext = pod.getSecurityContext();
    SecurityContext container = r.container().getSecurityContext();

    assertThat(podContext.getRunAsNonRoot()).isTrue();
    assertThat(podContext.getRunAsUser()).isPositive();
    assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(r.container().getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/tmp");
      assertThat(pod.getVolumes()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo(m.getName());
        assertThat(v.getEmptyDir()).isNotNull();
      });
    });
    assertThat(r.container().getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(r.container().getResources().getLimits()).containsKey("memory");
    assertThat(pod.getTopologySpreadConstraints()).isNotEmpty();
    assertThat(pod.getServiceAccountName()).isEqualTo("secretgate");
  }

  @Test
  void liveness_and_readiness_ask_healthz_and_readyz_on_the_metrics_port() {
    Container c = ChartFiles.render("default").container();
    ContainerPort metrics = c.getPorts().stream().filter(p -> p.getName().equals("metrics")).findFirst().orElseThrow();

    assertThat(metrics.getContainerPort()).isEqualTo(8080);
    assertThat(Env.of(ChartFiles.render("default"))).containsEntry("SECRETGATE_METRICS_PORT", "8080");
    assertProbe(c.getLivenessProbe(), "/healthz");
    assertProbe(c.getReadinessProbe(), "/readyz");
    assertProbe(c.getStartupProbe(), "/healthz");
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
  }

  @Test
  void the_pod_knows_its_name_and_namespace_from_the_downward_api() {
    Map<String, String> fields = new java.util.HashMap<>();
    for (EnvVar e : ChartFiles.render("default").container().getEnv()) {
      if (e.getValueFrom() != null) fields.put(e.getName(), e.getValueFrom().getFieldRef().getFieldPath());
    }

    assertThat(fields).containsEntry("POD_NAME", "metadata.name").containsEntry("POD_NAMESPACE", "metadata.namespace");
  }

  @Test
  void one_replica_runs_without_leader_election_or_disruption_budget() {
    Rendered r = ChartFiles.render("default");

    assertThat(r.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(Env.of(r)).containsEntry("SECRETGATE_LEADER_ELECTION", "false");
    assertThat(r.all(PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void several_replicas_elect_a_leader_on_the_release_lease_and_keep_one_through_a_drain() {
    Rendered r = ChartFiles.render("ha");

    assertThat(r.deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(Env.of(r)).containsEntry("SECRETGATE_LEADER_ELECTION", "true")
        .containsEntry("SECRETGATE_LEASE_NAME", "secretgate-leader")
        .containsEntry("SECRETGATE_LEASE_NAMESPACE", ChartFiles.NAMESPACE);
    PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class).orElseThrow();
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(r.deployment().getSpec().getSelector().getMatchLabels());
  }

  @Test
  void leader_election_can_be_forced_on_for_a_single_replica() {
    Rendered r = ChartFiles.render("default", Map.of("leaderElection.mode", "always"));

    assertThat(Env.of(r)).containsEntry("SECRETGATE_LEADER_ELECTION", "true");
    assertThat(ChartRbacTest.grants(r)).contains("secretgate coordination.k8s.io/leases#secretgate-leader patch");
  }

  @Test
  void the_grace_period_outlasts_serves_shutdown_grace() {
    Rendered r = ChartFiles.render("default", Map.of("shutdownGraceSeconds", 45));

    assertThat(Env.of(r)).containsEntry("SECRETGATE_SHUTDOWN_GRACE", "45s");
    assertThat(r.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isGreaterThan(45);
  }

  @Test
  void the_image_defaults_to_the_charts_app_version_and_a_digest_pins_it() {
    assertThat(ChartFiles.render("default").container().getImage()).isEqualTo("ghcr.io/secretgate/secretgate:0.1.0-SNAPSHOT");
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(ChartFiles.render("default", Map.of("image.digest", digest)).container().getImage())
        .isEqualTo("ghcr.io/secretgate/secretgate@" + digest);
  }

  /** helm --set image.tag=452 (a build number, or a short commit id of digits only) passes an integer. */
  @Test
  void an_image_tag_of_digits_given_with_set_is_the_tag() {
    assertThat(ChartFiles.render("default", Map.of("image.tag", "452")).container().getImage()).isEqualTo("ghcr.io/secretgate/secretgate:452");
    assertThat(ChartFiles.render("default", Map.of("image.tag", "7345261")).container().getImage()).isEqualTo("ghcr.io/secretgate/secretgate:7345261");
  }

  @Test
  void beside_eso_the_controller_is_off_and_its_settings_are_not_set() {
    Map<String, String> env = Env.of(ChartFiles.render("beside-eso"));

    assertThat(env).containsEntry("SECRETGATE_CONTROLLER", "false").containsEntry("SECRETGATE_VALIDATING_WEBHOOK", "true");
    assertThat(env).doesNotContainKeys("SECRETGATE_WORKERS", "SECRETGATE_LEADER_ELECTION", "SECRETGATE_NAMESPACES");
  }

  @Test
  void a_service_monitor_scrapes_the_metrics_port_only_when_asked() {
    assertThat(ChartFiles.render("default").kinds()).doesNotContain("ServiceMonitor");
    GenericKubernetesResource monitor = ChartFiles.render("ha").all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();

    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.get("spec", "endpoints").toString()).contains("port=metrics").contains("path=/metrics");
  }

  @Test
  void replicas_spread_over_nodes_by_the_pods_own_labels() {
    Rendered r = ChartFiles.render("ha");
    var spread = r.deployment().getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0);

    assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(r.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(spread.getLabelSelector().getMatchLabels());
  }

  /** helm --set reads 0.5 as a string (it types only integers and booleans), the way an operator lowers the rate. */
  @Test
  void a_fractional_rate_limit_given_with_set_reaches_serve_and_zero_is_refused() {
    assertThat(Env.of(ChartFiles.render("default", Map.of("controller.rateLimitQps", "0.5")))).containsEntry("SECRETGATE_RATE_LIMIT_QPS", "0.5");
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("controller.rateLimitQps", "0.0"))).hasMessageContaining("rateLimitQps");
    assertThatThrownBy(() -> ChartFiles.template("default", Map.of("controller.rateLimitQps", "fast"))).hasMessageContaining("rateLimitQps");
  }

  @Test
  void narrowed_secret_access_makes_the_controller_watch_only_those_namespaces() {
    assertThat(Env.of(ChartFiles.render("secret-namespaces"))).containsEntry("SECRETGATE_NAMESPACES", "payments,orders");
  }
}

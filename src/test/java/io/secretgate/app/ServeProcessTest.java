package io.secretgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.secretgate.config.ConfigException;
import io.secretgate.config.ServeConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve}'s cluster client from {@code --kubeconfig}: read as kubectl reads it, or a one-line reason. */
class ServeProcessTest {
  static final Path FIXTURES = Path.of("src/test/resources/io/secretgate/app/ServeProcessTest");

  static ServeConfig withKubeconfig(Path file) {
    return ServeConfig.from(Map.of(), Map.of("--kubeconfig", file.toString()));
  }

  static String problemOf(Path kubeconfig) {
    try (KubernetesClient client = ServeProcess.kubernetesClient(withKubeconfig(kubeconfig))) {
      throw new AssertionError("a client was made for " + kubeconfig);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("NOT-FOR-YOUR-EYES").doesNotContain("Exception");
      return e.getMessage();
    }
  }

  @Test
  void a_kubeconfig_that_does_not_exist_is_named_with_the_reason_in_words() {
    assertThat(problemOf(FIXTURES.resolve("absent.yaml"))).isEqualTo(
        "invalid configuration: --kubeconfig: " + FIXTURES.resolve("absent.yaml") + ": cannot read kubeconfig: no such file or directory");
    assertThat(problemOf(FIXTURES)).endsWith(FIXTURES + ": cannot read kubeconfig: is a directory");
  }

  @Test
  void a_kubeconfig_given_by_its_environment_variable_is_named_by_that_variable() {
    Path absent = FIXTURES.resolve("absent.yaml");
    ServeConfig config = ServeConfig.from(Map.of("SECRETGATE_KUBECONFIG", absent.toString()), Map.of());
    assertThatThrownBy(() -> ServeProcess.kubernetesClient(config)).isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration: SECRETGATE_KUBECONFIG: " + absent + ": cannot read kubeconfig: no such file or directory");
  }

  @Test
  void self_managed_certificates_with_no_api_server_answering_say_so_instead_of_pointing_at_rbac() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ServeConfig config = ServeConfig.from(Map.of(), Map.of("--controller", "false", "--validating-webhook", "true", "--metrics-port", "0",
        "--webhook-port", "0", "--cert-mode", "self-managed", "--service-namespace", "certs"));
    KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closed)
        .withRequestRetryBackoffLimit(0).build()).build();
    assertThatThrownBy(() -> ServeProcess.start(config, unreachable, ControllerFactory.none())).isInstanceOf(ConfigException.class)
        .hasMessage("invalid configuration: --cert-secret=\"secretgate-webhook-tls\": the self-managed certificate cannot be read or written:"
            + " Secret certs/secretgate-webhook-tls: no answer from the Kubernetes API server");
  }

  @Test
  void a_kubeconfig_found_without_the_flag_that_does_not_parse_is_named_with_the_problem_in_words() {
    Path broken = FIXTURES.resolve("not-yaml.yaml");
    String before = System.getProperty("kubeconfig"); // fabric8 looks here first, then at $KUBECONFIG
    System.setProperty("kubeconfig", broken.toString());
    try {
      assertThatThrownBy(() -> ServeProcess.kubernetesClient(ServeConfig.defaults())).isInstanceOf(ConfigException.class)
          .hasMessage("invalid configuration: --kubeconfig (not given: in-cluster, else $KUBECONFIG or ~/.kube/config): "
              + broken + ":4:1: not valid YAML/JSON: expected the node content, but found '<stream end>'")
          .hasMessageNotContaining("\n").hasMessageNotContaining("Exception");
      Path missingCa = FIXTURES.resolve("missing-ca/config");
      System.setProperty("kubeconfig", missingCa.toString());
      assertThatThrownBy(() -> ServeProcess.kubernetesClient(ServeConfig.defaults())).isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("invalid configuration: --kubeconfig (not given: in-cluster, else $KUBECONFIG or ~/.kube/config): " + missingCa
              + ": not a usable kubeconfig: cannot read ").hasMessageEndingWith("no-such-ca.crt (no such file or directory)");
    } finally {
      if (before == null) System.clearProperty("kubeconfig");
      else System.setProperty("kubeconfig", before);
    }
  }

  @Test
  void files_a_kubeconfig_names_are_found_beside_it_as_kubectl_finds_them() {
    try (KubernetesClient client = ServeProcess.kubernetesClient(withKubeconfig(FIXTURES.resolve("relative-ca/config")))) {
      assertThat(client.getConfiguration().getCaCertFile()).isEqualTo(FIXTURES.resolve("relative-ca/ca.crt").toAbsolutePath().toString());
    }
  }

  @Test
  void a_certificate_file_a_kubeconfig_names_that_cannot_be_read_is_named() {
    assertThat(problemOf(FIXTURES.resolve("missing-ca/config"))).isEqualTo("invalid configuration: --kubeconfig: " + FIXTURES.resolve("missing-ca/config")
        + ": not a usable kubeconfig: cannot read " + FIXTURES.resolve("missing-ca/no-such-ca.crt").toAbsolutePath() + " (no such file or directory)");
  }

  @Test
  void a_current_context_that_names_none_of_the_contexts_is_refused_as_kubectl_refuses_it() {
    assertThat(problemOf(FIXTURES.resolve("unknown-context.yaml"))).isEqualTo("invalid configuration: --kubeconfig: "
        + FIXTURES.resolve("unknown-context.yaml") + ": not a usable kubeconfig: its current-context \"prod\" names none of its contexts");
  }
}

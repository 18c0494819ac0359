package io.secretgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The customised mock client keeps the mock server's address and waits out the server's worst stall. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class PatientMockClientIT {
  static final int MOCK_SERVER_WORST_STALL_MILLIS = 30_000;
  static KubernetesClient client;

  @Test
  void the_mock_client_waits_longer_than_the_mock_server_can_stall_and_still_talks_to_the_mock_server() {
    assertThat(client.getConfiguration().getRequestTimeout()).isGreaterThan(MOCK_SERVER_WORST_STALL_MILLIS);
    assertThat(PatientMockClient.WAIT).as("the tests' wait for an outcome").isGreaterThan(Duration.ofMillis(MOCK_SERVER_WORST_STALL_MILLIS));

    client.configMaps().inNamespace("patient").resource(new ConfigMapBuilder().withNewMetadata().withName("one").endMetadata().build()).create();

    assertThat(client.configMaps().inNamespace("patient").withName("one").get()).isNotNull();
  }
}

package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.secretgate.api.ClusterSecretStore;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.Condition;
import io.secretgate.testing.FakeVault;
import io.secretgate.testing.PatientMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ClusterSecretStore's {@code spec.conditions} bind the controller, as in ESO (eso-facts §2.1), not
 * only the webhook: the webhook may be off, or the conditions tightened after an ExternalSecret was
 * admitted.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class StoreConditionsIT {
  static final Duration WAIT = PatientMockClient.WAIT;
  static KubernetesMockServer server;
  static KubernetesClient client;
  FakeVault vault;
  SyncController controller;

  @BeforeEach
  void paymentsNamespaceAndTheVaultStore() throws Exception {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("payments").addToLabels("team", "payments").endMetadata().build())
        .createOr(r -> r.update());
    vault = RotationFixtures.clusterWithPaymentsVault(client);
  }

  @AfterEach
  void stop() {
    TestControllers.stopAndClear(controller, vault, client);
  }

  void storeConditions(String conditionsJson) {
    client.resources(ClusterSecretStore.class).withName("vault-backend").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"conditions\":" + conditionsJson + "}}");
    controller = TestControllers.started(client, new SyncMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    client.resources(ExternalSecret.class).resource(RotationFixtures.externalSecret("db", "1h", "apps/payments/db")).create();
  }

  Optional<Condition> ready() {
    ExternalSecret es = client.resources(ExternalSecret.class).inNamespace("payments").withName("db").get();
    if (es == null || es.getStatus() == null || es.getStatus().conditions == null) return Optional.empty();
    return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst();
  }

  @Test
  void a_namespace_the_store_conditions_leave_out_gets_no_secret_and_esos_denial_in_an_event() {
    storeConditions("[{\"namespaces\":[\"orders\"]}]");

    Condition ready = await().atMost(WAIT).until(this::ready, Optional::isPresent).get();

    assertThat(ready.status).isEqualTo("False");
    assertThat(client.secrets().inNamespace("payments").withName("db").get()).as("a Secret from a store payments may not use").isNull();
    await().atMost(WAIT).until(() -> client.v1().events().inNamespace("payments").list().getItems().stream()
        .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().contains(
            "using cluster store \"vault-backend\" is not allowed from namespace \"payments\": denied by spec.condition")));
    assertThat(vault.count("GET secret/data/apps/payments/db")).as("Vault reads for a namespace the store leaves out").isZero();
  }

  @Test
  void a_namespace_the_store_selects_by_its_labels_is_synced() {
    storeConditions("[{\"namespaces\":[\"orders\"]},{\"namespaceSelector\":{\"matchLabels\":{\"team\":\"payments\"}}}]");

    Condition ready = await().atMost(WAIT).until(this::ready, c -> c.isPresent() && "True".equals(c.get().status)).get();

    assertThat(ready.reason).isEqualTo("SecretSynced");
    assertThat(client.secrets().inNamespace("payments").withName("db").get()).isNotNull();
  }
}

package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.secretgate.api.ExternalSecret;
import io.secretgate.inject.SecretFacts;
import io.secretgate.testing.Eventually;
import io.secretgate.testing.PatientMockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The injector's online facts: informers over the mock API server, never an API call per question. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class InjectionInformersIT {
  static KubernetesMockServer server;
  static KubernetesClient client;
  static InjectionInformers informers;
  static SecretFacts facts;

  @BeforeAll
  static void cluster() {
    client.resources(ExternalSecret.class).inNamespace("payments").resource(externalSecret("db-credentials", null)).create();
    client.resources(ExternalSecret.class).inNamespace("payments").resource(externalSecret("api", "api-keys")).create();
    client.secrets().inNamespace("payments").resource(secret("db-credentials", true)).create();
    client.secrets().inNamespace("payments").resource(secret("hand-made", false)).create();
    informers = InjectionInformers.start(client);
    facts = informers.facts();
    Eventually.await(PatientMockClient.WAIT, "informers synced", informers::synced);
  }

  @AfterAll
  static void stop() {
    informers.close();
  }

  static ExternalSecret externalSecret(String name, String target) {
    ExternalSecret es = new ExternalSecret();
    es.getMetadata().setName(name);
    es.getMetadata().setNamespace("payments");
    es.setSpec(new io.secretgate.api.ExternalSecretSpec());
    if (target != null) {
      es.getSpec().target = new io.secretgate.api.ExternalSecretTarget();
      es.getSpec().target.name = target;
    }
    return es;
  }

  static Secret secret(String name, boolean managed) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("payments")
        .withLabels(managed ? Map.of("reconcile.external-secrets.io/managed", "true") : Map.of()).endMetadata()
        .withData(Map.of("password", "czNjcjN0")).build();
  }

  @Test
  void an_external_secret_targets_its_target_name_or_else_its_own_name() {
    assertThat(facts.externalSecretsTargeting("payments", "api-keys")).containsExactly("api");
    assertThat(facts.externalSecretsTargeting("payments", "db-credentials")).containsExactly("db-credentials");
    assertThat(facts.externalSecretsTargeting("payments", "api")).isEmpty();
    assertThat(facts.externalSecretsTargeting("orders", "api-keys")).isEmpty();
  }

  @Test
  void only_managed_secrets_are_known_and_the_cache_holds_no_values() {
    assertThat(facts.managedSecretExists("payments", "db-credentials")).isTrue();
    assertThat(facts.managedSecretExists("payments", "hand-made")).as("unmanaged Secrets are never cached").isFalse();
    assertThat(facts.managedSecretExists("payments", "api-keys")).isFalse();
    Secret cached = informers.managedSecretCache("payments", "db-credentials");
    assertThat(cached.getMetadata().getName()).isEqualTo("db-credentials");
    assertThat(cached.getData()).isNullOrEmpty();
    assertThat(cached.getStringData()).isNullOrEmpty();
  }

  @Test
  void a_secret_applied_with_kubectl_and_merged_into_by_an_external_secret_leaves_no_value_in_the_cache() {
    // kubectl apply (client-side, also Argo CD) keeps the whole applied manifest, data included, in an
    // annotation; ESO labels such a Secret managed when an ExternalSecret with creationPolicy Merge writes into it
    Secret applied = new SecretBuilder(secret("merged-into", true)).editMetadata()
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration",
            "{\"apiVersion\":\"v1\",\"data\":{\"password\":\"aHVudGVyMg==\"},\"kind\":\"Secret\",\"metadata\":{\"name\":\"merged-into\"}}")
        .endMetadata().build();
    client.secrets().inNamespace("payments").resource(applied).create();
    Eventually.await(PatientMockClient.WAIT, "merged-into cached", () -> facts.managedSecretExists("payments", "merged-into"));
    assertThat(Serialization.asJson(informers.managedSecretCache("payments", "merged-into"))).doesNotContain("aHVudGVyMg==").doesNotContain("czNjcjN0");
  }

  @Test
  void a_secret_synced_later_is_known_once_its_watch_event_arrives() {
    client.secrets().inNamespace("payments").resource(secret("later-synced", true)).create();
    Eventually.await(PatientMockClient.WAIT, "later-synced cached", () -> facts.managedSecretExists("payments", "later-synced"));
    assertThat(informers.managedSecretCache("payments", "later-synced").getData()).isNullOrEmpty();
  }
}

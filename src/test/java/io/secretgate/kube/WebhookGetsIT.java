package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.StoreKind;
import io.secretgate.testing.PatientMockClient;
import io.secretgate.validation.StoreLookup;
import io.secretgate.validation.StoreLookupException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The GETs the validating webhook makes on a cache miss (a store, a namespace, a token Secret) answer within a kube-apiserver webhook
 * timeout (5 s) even when the API server does not: a failed GET is one refusal that says why, not a
 * minute of client retries that holds a server thread past the call's deadline.
 */
@EnableKubernetesMockClient(kubernetesClientBuilderCustomizer = PatientMockClient.class)
class WebhookGetsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void a_store_get_the_api_server_answers_503_fails_at_once_without_retries() {
    server.expect().get().withPath("/apis/external-secrets.io/v1/namespaces/team-a/secretstores/vault").andReturn(503,
        new StatusBuilder().withCode(503).withMessage("etcdserver: leader changed").build()).always();
    try (WebhookInformers informers = WebhookInformers.start(client)) {
      StoreLookup lookup = informers.lookup();

      long start = System.nanoTime();
      assertThatThrownBy(() -> lookup.find(StoreKind.SecretStore, "vault", "team-a")).isInstanceOf(StoreLookupException.class)
          .hasMessageContaining("HTTP 503");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void a_token_secret_get_the_api_server_answers_503_fails_at_once_without_retries() {
    server.expect().get().withPath("/api/v1/namespaces/secretgate/secrets/vault-token").andReturn(503,
        new StatusBuilder().withCode(503).withMessage("etcdserver: leader changed").build()).always();
    try (WatchedObjects objects = new WatchedObjects(client)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> objects.secret("secretgate", "vault-token")).isInstanceOf(KubernetesClientException.class)
          .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(503));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void a_namespace_get_the_api_server_does_not_answer_gives_up_well_within_the_webhook_timeout() {
    server.expect().get().delay(30, TimeUnit.SECONDS).withPath("/api/v1/namespaces/team-b").andReturn(200, "{}").always();
    try (WebhookInformers informers = WebhookInformers.start(client)) {
      StoreLookup lookup = informers.lookup();

      long start = System.nanoTime();
      assertThatThrownBy(() -> lookup.namespaceLabels("team-b")).isInstanceOf(StoreLookupException.class).hasMessageContaining("timed out");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }
}

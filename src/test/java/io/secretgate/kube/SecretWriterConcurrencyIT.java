package io.secretgate.kube;

import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static io.secretgate.kube.KubeFixtures.createSecret;
import static io.secretgate.kube.KubeFixtures.data;
import static io.secretgate.kube.KubeFixtures.desired;
import static io.secretgate.kube.KubeFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.kube.ApplyResult.Outcome;
import io.secretgate.kube.KubeWriteException.Kind;
import io.secretgate.testing.PatientMockClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SecretWriter} when others write the same Secret, and when the API server says no. */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class SecretWriterConcurrencyIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Map<String, String> VAULT = Map.of("password", "s3cr3t");

  String ns;
  String path;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void freshNamespace() {
    ns = KubeFixtures.freshNamespace();
    path = "/api/v1/namespaces/" + ns + "/secrets/db-credentials";
  }

  void someoneElseAddsAKey(String key) {
    client.secrets().inNamespace(ns).withName("db-credentials").edit(s -> {
      s.getData().put(key, "Zm9yZWlnbg==");
      return s;
    });
  }

  @Test
  void an_update_that_lost_a_race_is_decided_again_from_a_fresh_read_and_succeeds() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Merge);
    Race race = Race.before("PUT", path, 1, () -> someoneElseAddsAKey("added-meanwhile"));

    try (KubernetesClient racing = race.client(server)) {
      ApplyResult result = new SecretWriter(racing).apply(desired(es, VAULT), es);

      assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    }
    assertThat(race.requests()).as("PUTs: the stale one, then the fresh one").isEqualTo(2);
    assertThat(data(get(client, ns, "db-credentials")))
        .containsEntry("password", "s3cr3t")
        .containsEntry("added-meanwhile", "foreign")
        .containsEntry("ca.crt", "-----BEGIN CERTIFICATE-----");
  }

  @Test
  void a_create_that_lost_a_race_becomes_an_update_of_what_the_other_created() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.CreateOrMerge);
    Race race = Race.before("POST", "/api/v1/namespaces/" + ns + "/secrets", 1, () -> client.secrets().inNamespace(ns)
        .resource(new SecretBuilder().withNewMetadata().withName("db-credentials").endMetadata().addToData("theirs", "Zm9yZWlnbg==").build())
        .create());

    try (KubernetesClient racing = race.client(server)) {
      ApplyResult result = new SecretWriter(racing).apply(desired(es, VAULT), es);

      assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    }
    assertThat(data(get(client, ns, "db-credentials"))).isEqualTo(Map.of("password", "s3cr3t", "theirs", "foreign"));
  }

  @Test
  void when_every_attempt_loses_the_race_it_gives_up_with_a_typed_error_and_never_wrote() {
    createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Orphan);
    int[] writes = {0};
    Race race = Race.before("PUT", path, Integer.MAX_VALUE, () -> someoneElseAddsAKey("interloper-" + ++writes[0]));

    KubeWriteException e;
    try (KubernetesClient racing = race.client(server)) {
      e = catchThrowableOfType(KubeWriteException.class, () -> new SecretWriter(racing, 3).apply(desired(es, VAULT), es));
    }

    assertThat(e.kind()).isEqualTo(Kind.CONFLICT_EXHAUSTED);
    assertThat(e.httpCode()).isEqualTo(409);
    assertThat(e).hasMessage("Secret " + ns + "/db-credentials: changed by another writer on every attempt (HTTP 409)").hasNoCause();
    assertThat(race.requests()).isEqualTo(3);
    assertThat(data(get(client, ns, "db-credentials"))).doesNotContainKey("password").containsKeys("ca.crt", "username", "interloper-3");
  }

  @ParameterizedTest(name = "HTTP {0} on the write is {1}")
  @CsvSource(delimiter = '|', value = {
      "403 | FORBIDDEN   | forbidden (HTTP 403); check the RBAC of secretgate's service account",
      "422 | INVALID     | refused by the Kubernetes API server (HTTP 422)",
      "400 | INVALID     | refused by the Kubernetes API server (HTTP 400)",
      "500 | UNAVAILABLE | the Kubernetes API server answered HTTP 500",
      "503 | UNAVAILABLE | the Kubernetes API server answered HTTP 503",
      "429 | UNAVAILABLE | the Kubernetes API server answered HTTP 429"})
  void a_refused_write_is_a_typed_error_in_words_without_values_and_the_secret_stays_byte_for_byte(int code, Kind kind, String words) {
    Secret before = createSecret(client, ns, "secret-foreign.yaml");
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    server.expect().put().withPath(path)
        .andReturn(code, new StatusBuilder().withCode(code).withMessage("Secret \"db-credentials\" data s3cr3t refused").build())
        .once();

    KubeWriteException e;
    try (KubernetesClient noRetries = withoutClientRetries()) {
      e = catchThrowableOfType(KubeWriteException.class, () -> new SecretWriter(noRetries).apply(desired(es, VAULT), es));
    }

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.httpCode()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo("Secret " + ns + "/db-credentials: " + words).doesNotContain("s3cr3t");
    assertThat(e).hasNoCause();
    assertThat(get(client, ns, "db-credentials")).isEqualTo(before);
  }

  /** fabric8 itself retries 429 and 5xx answers with backoff; these tests look at the answer behind that. */
  static KubernetesClient withoutClientRetries() {
    return server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
  }

  @Test
  void a_refused_read_is_a_typed_error_and_nothing_is_written() {
    ExternalSecret es = createExternalSecret(client, ns, CreationPolicy.Owner);
    server.expect().get().withPath(path).andReturn(403, new StatusBuilder().withCode(403).build()).once();

    KubeWriteException e = catchThrowableOfType(KubeWriteException.class, () -> new SecretWriter(client).apply(desired(es, VAULT), es));

    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(get(client, ns, "db-credentials")).isNull();
  }
}

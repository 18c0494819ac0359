package io.secretgate.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.testing.Eventually;
import io.secretgate.testing.MutableClock;
import io.secretgate.testing.PatientMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WatchedObjects}: the webhook's token, CA and client-certificate objects answered from
 * name-selected informers, so that a request makes no API call, with GETs while a watch cannot
 * answer.
 */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class WatchedObjectsIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  String ns;
  MutableClock clock;
  WatchedObjects objects;

  @BeforeEach
  void freshNamespace() {
    ns = KubeFixtures.freshNamespace();
    clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z")); // moved only where a test says so
    objects = new WatchedObjects(client, 2, clock, PatientMockClient.WAIT);
  }

  @AfterEach
  void stop() {
    objects.close();
  }

  void writeSecret(String name, String value) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of("token", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))).build()).createOr(r -> r.update());
  }

  static String token(Secret s) {
    return s == null ? null : new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8);
  }

  /** How many API requests {@code read} made. */
  static int requestsOf(Runnable read) {
    int before = server.getRequestCount();
    read.run();
    return server.getRequestCount() - before;
  }

  /** Waits until reading {@code name} is answered from the watch (no API request). */
  void awaitWatched(Supplier<Object> read) {
    Eventually.await(PatientMockClient.WAIT, "reads answered from the watch", () -> requestsOf(read::get) == 0);
  }

  @Test
  void a_secret_is_read_with_a_get_until_its_informer_has_listed_and_then_with_no_api_call() {
    writeSecret("vault-token", "token-1");

    int first = requestsOf(() -> assertThat(token(objects.secret(ns, "vault-token"))).isEqualTo("token-1"));
    awaitWatched(() -> objects.secret(ns, "vault-token"));

    assertThat(first).as("the first read's GET, and the informer's list and watch started for it").isGreaterThanOrEqualTo(1);
    for (int i = 0; i < 100; i++) {
      assertThat(requestsOf(() -> assertThat(token(objects.secret(ns, "vault-token"))).isEqualTo("token-1"))).isZero();
    }
    assertThat(objects.watched()).isEqualTo(1);
  }

  @Test
  void a_rotated_secret_is_seen_when_its_watch_event_arrives() {
    writeSecret("vault-token", "token-1");
    objects.secret(ns, "vault-token");
    awaitWatched(() -> objects.secret(ns, "vault-token"));

    writeSecret("vault-token", "token-2");

    Eventually.await(PatientMockClient.WAIT, "the new token read", () -> "token-2".equals(token(objects.secret(ns, "vault-token"))));
  }

  @Test
  void a_secret_read_while_missing_is_found_once_it_is_created_and_missing_again_once_deleted() {
    assertThat(objects.secret(ns, "later")).isNull();
    awaitWatched(() -> objects.secret(ns, "later"));
    assertThat(objects.secret(ns, "later")).isNull();

    writeSecret("later", "token-3");
    Eventually.await(PatientMockClient.WAIT, "the created Secret found", () -> "token-3".equals(token(objects.secret(ns, "later"))));

    client.secrets().inNamespace(ns).withName("later").delete();
    Eventually.await(PatientMockClient.WAIT, "the deleted Secret missing", () -> objects.secret(ns, "later") == null);
  }

  @Test
  void a_config_map_is_watched_as_a_secret_is() {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("vault-ca").endMetadata()
        .withData(Map.of("ca.crt", "PEM-1")).build()).create();

    assertThat(objects.configMap(ns, "vault-ca").getData()).containsEntry("ca.crt", "PEM-1");
    awaitWatched(() -> objects.configMap(ns, "vault-ca"));
    assertThat(requestsOf(() -> assertThat(objects.configMap(ns, "vault-ca").getData()).containsEntry("ca.crt", "PEM-1"))).isZero();
    assertThat(objects.secret(ns, "vault-ca")).as("a Secret of the same name is another object").isNull();
  }

  @Test
  void at_capacity_a_new_object_is_read_with_gets_until_a_watched_one_has_gone_unread_for_the_idle_time() {
    writeSecret("a", "token-a");
    writeSecret("b", "token-b");
    writeSecret("c", "token-c");
    objects.secret(ns, "a");
    clock.advance(Duration.ofMinutes(1));
    objects.secret(ns, "b");
    awaitWatched(() -> objects.secret(ns, "a"));
    awaitWatched(() -> objects.secret(ns, "b"));

    for (int i = 0; i < 5; i++) {
      assertThat(requestsOf(() -> assertThat(token(objects.secret(ns, "c"))).isEqualTo("token-c"))).as("c: one GET, no watch").isEqualTo(1);
    }
    assertThat(objects.watched()).isEqualTo(2);

    clock.advance(WatchedObjects.IDLE.minusSeconds(30));
    objects.secret(ns, "b"); // a is now unread for the idle time, b is not
    clock.advance(Duration.ofMinutes(1));
    objects.secret(ns, "c");
    awaitWatched(() -> objects.secret(ns, "c"));

    assertThat(objects.watched()).isEqualTo(2);
    assertThat(requestsOf(() -> assertThat(token(objects.secret(ns, "b"))).isEqualTo("token-b"))).as("b is still watched").isZero();
    assertThat(requestsOf(() -> assertThat(token(objects.secret(ns, "a"))).isEqualTo("token-a"))).as("a is read with a GET again").isEqualTo(1);
  }

  @Test
  void after_close_reads_are_gets_and_nothing_is_watched() {
    writeSecret("vault-token", "token-1");
    objects.secret(ns, "vault-token");
    awaitWatched(() -> objects.secret(ns, "vault-token"));

    objects.close();

    assertThat(objects.watched()).isZero();
    assertThat(requestsOf(() -> assertThat(token(objects.secret(ns, "vault-token"))).isEqualTo("token-1"))).isEqualTo(1);
  }

  @Test
  void a_secret_that_may_not_be_listed_is_read_with_one_get_per_read_and_never_watched_again() {
    writeSecret("vault-token", "token-1");
    server.expect().get().withPath(listPath("vault-token")).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").build()).always();

    assertThat(token(objects.secret(ns, "vault-token"))).isEqualTo("token-1");
    awaitGivenUp("vault-token");
    clock.advance(WatchedObjects.RETRY_AFTER.multipliedBy(10));

    for (int i = 0; i < 20; i++) {
      assertThat(requestsOf(() -> assertThat(token(objects.secret(ns, "vault-token"))).isEqualTo("token-1"))).as("one GET, no new list").isEqualTo(1);
    }
    assertThat(objects.watched()).isZero();
  }

  @Test
  void a_secret_whose_informer_failed_otherwise_is_watched_again_after_the_hold() {
    writeSecret("vault-token", "token-1");
    server.expect().get().withPath(listPath("vault-token")).andReturn(400, new StatusBuilder().withCode(400).withReason("BadRequest").build()).once();
    objects.secret(ns, "vault-token");
    awaitGivenUp("vault-token");

    clock.advance(WatchedObjects.RETRY_AFTER.minusSeconds(1));
    objects.secret(ns, "vault-token");
    assertThat(objects.watched()).as("still held").isZero();
    clock.advance(Duration.ofSeconds(2));

    objects.secret(ns, "vault-token");
    awaitWatched(() -> objects.secret(ns, "vault-token"));
    assertThat(objects.watched()).isEqualTo(1);
  }

  /** The path of the first list of {@code name}'s informer. */
  String listPath(String name) {
    return "/api/v1/namespaces/" + ns + "/secrets?fieldSelector=metadata.name%3D" + name + "&resourceVersion=0";
  }

  /** Waits until the informer of {@code name} stopped and was let go. */
  void awaitGivenUp(String name) {
    Eventually.await(PatientMockClient.WAIT, "the informer given up", () -> {
      objects.secret(ns, name);
      return objects.watched() == 0;
    });
  }
}

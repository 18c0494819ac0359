package io.secretgate.kube;

import io.secretgate.testing.MutableClock;

import static io.secretgate.kube.KubeFixtures.createExternalSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.secretgate.api.Condition;
import io.secretgate.api.CreationPolicy;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretStatus;
import io.secretgate.kube.StatusWriter.Result;
import io.secretgate.secrets.EsoText;
import io.secretgate.testing.PatientMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StatusWriter} through the status subresource of the generated CRD (mock API server). */
@EnableKubernetesMockClient(crud = true, kubernetesClientBuilderCustomizer = PatientMockClient.class)
class StatusWriterIT {
  static KubernetesMockServer server;
  static KubernetesClient client;

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.250Z");

  String ns;
  MutableClock clock;
  StatusWriter writer;
  ExternalSecret es;

  @BeforeAll
  static void crds() {
    KubeFixtures.installCrds(client);
  }

  @BeforeEach
  void anExternalSecret() {
    ns = KubeFixtures.freshNamespace();
    clock = new MutableClock(T0);
    writer = new StatusWriter(client, clock);
    es = createExternalSecret(client, ns, CreationPolicy.Owner);
  }

  ExternalSecret current() {
    return client.resources(ExternalSecret.class).inNamespace(ns).withName("db-credentials").get();
  }

  static StatusUpdate synced(Instant start) {
    return StatusUpdate.synced(EsoText.REASON_SYNCED, EsoText.MSG_SYNCED, start, Optional.of("db-credentials"));
  }

  static Condition ready(ExternalSecret es) {
    return StatusChange.ready(es.getStatus());
  }

  @Test
  void a_successful_sync_sets_ready_refresh_time_synced_resource_version_and_binding() {
    assertThat(writer.write(es, synced(T0.minusSeconds(2)))).isEqualTo(Result.WRITTEN);

    ExternalSecret now = current();
    Condition ready = ready(now);
    assertThat(ready.type).isEqualTo("Ready");
    assertThat(ready.status).isEqualTo("True");
    assertThat(ready.reason).isEqualTo("SecretSynced");
    assertThat(ready.message).isEqualTo("secret synced");
    assertThat(ready.lastTransitionTime).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(now.getStatus().refreshTime).isEqualTo("2026-03-01T09:59:58Z");
    assertThat(now.getStatus().syncedResourceVersion)
        .isEqualTo("1-" + SyncedResourceVersion.hashMeta(es.getMetadata().getLabels(), es.getMetadata().getAnnotations()))
        .isEqualTo(SyncedResourceVersion.of(now));
    assertThat(now.getStatus().binding.name).isEqualTo("db-credentials");
    assertThat(now.getSpec().target.creationPolicy).isEqualTo(CreationPolicy.Owner);
  }

  @Test
  void the_same_status_again_is_not_written() {
    writer.write(es, synced(T0));
    ExternalSecret after = current();
    clock.advance(Duration.ofMinutes(5));

    assertThat(writer.write(after, synced(T0))).isEqualTo(Result.UNCHANGED);

    assertThat(current().getMetadata().getResourceVersion()).isEqualTo(after.getMetadata().getResourceVersion());
  }

  @Test
  void a_later_sync_moves_refresh_time_and_keeps_last_transition_time() {
    writer.write(es, synced(T0));
    clock.advance(Duration.ofHours(1));

    assertThat(writer.write(current(), synced(T0.plus(Duration.ofHours(1))))).isEqualTo(Result.WRITTEN);

    ExternalSecret now = current();
    assertThat(now.getStatus().refreshTime).isEqualTo("2026-03-01T11:00:00Z");
    assertThat(ready(now).lastTransitionTime).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void a_failure_moves_the_transition_and_keeps_refresh_time_and_synced_resource_version() {
    writer.write(es, synced(T0));
    ExternalSecretStatus before = current().getStatus();
    clock.advance(Duration.ofMinutes(30));

    writer.write(current(), StatusUpdate.failed(EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_GET_SECRET_DATA, Optional.empty()));

    ExternalSecret now = current();
    assertThat(ready(now).status).isEqualTo("False");
    assertThat(ready(now).reason).isEqualTo("SecretSyncedError");
    assertThat(ready(now).message).isEqualTo("could not get secret data from provider");
    assertThat(ready(now).lastTransitionTime).isEqualTo("2026-03-01T10:30:00Z");
    assertThat(now.getStatus().refreshTime).isEqualTo(before.refreshTime);
    assertThat(now.getStatus().syncedResourceVersion).isEqualTo(before.syncedResourceVersion);
    assertThat(now.getStatus().binding.name).isEqualTo("db-credentials");
    assertThat(now.getStatus().conditions).hasSize(1);
  }

  @Test
  void a_new_reason_with_the_same_status_keeps_last_transition_time_as_eso_does() {
    writer.write(es, synced(T0));
    clock.advance(Duration.ofMinutes(10));

    writer.write(current(), StatusUpdate.synced(EsoText.REASON_DELETED, EsoText.MSG_DELETED, clock.instant(), Optional.empty()));

    Condition ready = ready(current());
    assertThat(ready.reason).isEqualTo("SecretDeleted");
    assertThat(ready.message).isEqualTo("secret deleted due to DeletionPolicy=Delete");
    assertThat(ready.lastTransitionTime).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void a_repeated_failure_keeps_its_transition_time_and_is_not_written_again() {
    StatusUpdate failed = StatusUpdate.failed(EsoText.REASON_SYNCED_ERROR, EsoText.MSG_ERROR_IS_OWNED, Optional.empty());
    writer.write(es, failed);
    String version = current().getMetadata().getResourceVersion();
    clock.advance(Duration.ofMinutes(7));

    assertThat(writer.write(current(), failed)).isEqualTo(Result.UNCHANGED);

    assertThat(current().getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(ready(current()).lastTransitionTime).isEqualTo("2026-03-01T10:00:00Z");
  }

  @Test
  void an_error_text_can_never_reach_the_status() {
    assertThatThrownBy(() -> StatusUpdate.failed(EsoText.REASON_SYNCED_ERROR, "permission denied reading s3cr3t", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .message().doesNotContain("s3cr3t");
  }

  @Test
  void a_write_racing_a_change_of_the_externalsecret_is_retried_and_records_the_version_that_was_synced() {
    String path = "/apis/external-secrets.io/v1/namespaces/" + ns + "/externalsecrets/db-credentials/status";
    String[] moved = {null};
    Race race = Race.before("PUT", path, 1, () -> moved[0] = client.resources(ExternalSecret.class).inNamespace(ns)
        .withName("db-credentials").edit(e -> {
          e.getMetadata().getAnnotations().put("force-sync", "1700000000");
          return e;
        }).getMetadata().getResourceVersion());
    // the mock does not check resourceVersion on the status subresource; a real server answers the stale PUT so:
    server.expect().put().withPath(path).andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").build()).once();

    try (KubernetesClient racing = race.client(server)) {
      assertThat(new StatusWriter(racing, clock).write(es, synced(T0))).isEqualTo(Result.WRITTEN);
    }

    assertThat(race.requests()).isEqualTo(2);
    assertThat(race.bodies().get(0)).contains("\"resourceVersion\":\"" + es.getMetadata().getResourceVersion() + "\"");
    assertThat(race.bodies().get(1)).contains("\"resourceVersion\":\"" + moved[0] + "\"");
    ExternalSecret now = current();
    assertThat(now.getMetadata().getAnnotations()).containsEntry("force-sync", "1700000000");
    assertThat(now.getStatus().syncedResourceVersion).isEqualTo(SyncedResourceVersion.of(es)).isNotEqualTo(SyncedResourceVersion.of(now));
    assertThat(ready(now).status).isEqualTo("True");
  }

  @Test
  void when_every_status_write_conflicts_it_gives_up_with_a_typed_error() {
    String path = "/apis/external-secrets.io/v1/namespaces/" + ns + "/externalsecrets/db-credentials/status";
    server.expect().put().withPath(path).andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").build()).always();

    KubeWriteException e = catchThrowableOfType(KubeWriteException.class, () -> new StatusWriter(client, clock, 2).write(es, synced(T0)));

    assertThat(e.kind()).isEqualTo(KubeWriteException.Kind.CONFLICT_EXHAUSTED);
    assertThat(e).hasMessage("ExternalSecret " + ns + "/db-credentials: changed by another writer on every attempt (HTTP 409)");
    assertThat(current().getStatus()).isNull();
  }

  @Test
  void a_deleted_externalsecret_is_gone() {
    client.resources(ExternalSecret.class).inNamespace(ns).withName("db-credentials").delete();

    assertThat(writer.write(es, synced(T0))).isEqualTo(Result.GONE);
  }
}

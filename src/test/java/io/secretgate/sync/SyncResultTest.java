package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.Condition;
import io.secretgate.api.ExternalSecret;
import io.secretgate.api.ExternalSecretStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a reconcile reports about readiness: a sync says Ready, a reconcile with nothing due says what the status holds. */
class SyncResultTest {
  private static ExternalSecret withReady(String status) {
    ExternalSecret es = new ExternalSecret();
    if (status == null) return es;
    Condition synced = new Condition();
    synced.type = "Synced"; // another condition type is not Ready
    synced.status = "True";
    Condition ready = new Condition();
    ready.type = "Ready";
    ready.status = status;
    es.setStatus(new ExternalSecretStatus());
    es.getStatus().conditions = List.of(synced, ready);
    return es;
  }

  @Test
  void a_sync_leaves_the_external_secret_ready() {
    assertThat(SyncResult.synced(Optional.of(Duration.ofHours(1)))).isEqualTo(new SyncResult.Done(Optional.of(Duration.ofHours(1)), Optional.of(true)));
  }

  @Test
  void nothing_due_reports_the_ready_condition_of_the_status_so_a_failing_external_secret_is_not_called_ready() {
    assertThat(((SyncResult.Done) SyncResult.notDue(withReady("False"), Optional.empty())).ready()).contains(false);
    assertThat(((SyncResult.Done) SyncResult.notDue(withReady("True"), Optional.empty())).ready()).contains(true);
  }

  @Test
  void nothing_due_reports_nothing_when_the_status_has_no_ready_condition_or_an_unknown_one() {
    assertThat(((SyncResult.Done) SyncResult.notDue(withReady(null), Optional.empty())).ready()).isEmpty();
    assertThat(((SyncResult.Done) SyncResult.notDue(withReady("Unknown"), Optional.empty())).ready()).isEmpty();
  }
}

package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.api.RefreshPolicy;
import io.secretgate.sync.RefreshSchedule.Decision;
import io.secretgate.sync.RefreshSchedule.Inputs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefreshScheduleTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  static Decision decide(RefreshPolicy policy, Duration interval, Instant last, boolean changed, boolean targetValid) {
    return RefreshSchedule.decide(new Inputs(policy, interval, Optional.ofNullable(last), changed, targetValid), NOW);
  }

  @Test
  void a_never_synced_external_secret_syncs_now_whatever_its_policy() {
    for (RefreshPolicy p : RefreshPolicy.values()) {
      assertThat(decide(p, Duration.ZERO, null, false, true)).isInstanceOf(Decision.SyncNow.class);
    }
  }

  @Test
  void periodic_waits_for_the_interval_then_syncs() {
    assertThat(decide(RefreshPolicy.Periodic, HOUR, NOW.minus(Duration.ofMinutes(20)), false, true))
        .isEqualTo(new Decision.WaitUntil(NOW.plus(Duration.ofMinutes(40))));
    assertThat(decide(RefreshPolicy.Periodic, HOUR, NOW.minus(HOUR), false, true)).isInstanceOf(Decision.SyncNow.class);
  }

  @Test
  void a_refresh_time_ahead_of_this_clock_refreshes_now_as_in_eso_instead_of_waiting_the_interval_plus_the_skew() {
    // written by a replica (or ESO) whose clock ran ahead: ESO refreshes at once and its next refreshTime is right again
    assertThat(decide(RefreshPolicy.Periodic, HOUR, NOW.plus(Duration.ofMinutes(30)), false, true))
        .isEqualTo(new Decision.SyncNow(RefreshSchedule.Cause.INTERVAL_ELAPSED));
    assertThat(decide(RefreshPolicy.OnChange, HOUR, NOW.plus(Duration.ofMinutes(30)), false, true)).isEqualTo(new Decision.UntilChanged());
    assertThat(decide(RefreshPolicy.Periodic, Duration.ZERO, NOW.plus(Duration.ofMinutes(30)), false, true)).isEqualTo(new Decision.UntilChanged());
  }

  @Test
  void a_spec_label_or_annotation_change_syncs_at_once_even_with_interval_zero() {
    assertThat(decide(RefreshPolicy.Periodic, HOUR, NOW.minusSeconds(5), true, true)).isInstanceOf(Decision.SyncNow.class);
    assertThat(decide(RefreshPolicy.Periodic, Duration.ZERO, NOW.minusSeconds(5), true, true)).isInstanceOf(Decision.SyncNow.class);
    assertThat(decide(RefreshPolicy.OnChange, HOUR, NOW.minusSeconds(5), true, true)).isInstanceOf(Decision.SyncNow.class);
  }

  @Test
  void interval_zero_and_on_change_wait_for_a_change() {
    assertThat(decide(RefreshPolicy.Periodic, Duration.ZERO, NOW.minus(HOUR.multipliedBy(9)), false, true)).isEqualTo(new Decision.UntilChanged());
    assertThat(decide(RefreshPolicy.OnChange, HOUR, NOW.minus(HOUR.multipliedBy(9)), false, true)).isEqualTo(new Decision.UntilChanged());
  }

  @Test
  void a_negative_interval_means_sync_once_as_in_eso_and_never_a_sync_at_every_run() {
    assertThat(decide(RefreshPolicy.Periodic, Duration.ofMinutes(-1), NOW.minusSeconds(1), false, true)).isEqualTo(new Decision.UntilChanged());
    assertThat(decide(RefreshPolicy.Periodic, Duration.ofMinutes(-1), NOW.minusSeconds(1), true, true)).isInstanceOf(Decision.SyncNow.class);
    assertThat(RefreshSchedule.syncsOnce(Duration.ofNanos(-1))).isTrue();
    assertThat(RefreshSchedule.syncsOnce(Duration.ZERO)).isTrue();
    assertThat(RefreshSchedule.syncsOnce(Duration.ofNanos(1))).isFalse();
  }

  @Test
  void created_once_never_syncs_again_unless_its_secret_is_gone() {
    assertThat(decide(RefreshPolicy.CreatedOnce, HOUR, NOW.minus(HOUR.multipliedBy(9)), true, true)).isEqualTo(new Decision.UntilChanged());
    assertThat(decide(RefreshPolicy.CreatedOnce, HOUR, NOW.minus(HOUR), false, false)).isInstanceOf(Decision.SyncNow.class);
  }

  @Test
  void only_a_change_or_a_broken_target_asks_for_a_fresh_vault_read() {
    assertThat(decide(RefreshPolicy.Periodic, HOUR, NOW.minusSeconds(5), true, true)).isEqualTo(new Decision.SyncNow(RefreshSchedule.Cause.CHANGED));
    assertThat(RefreshSchedule.Cause.CHANGED.wantsFreshRead()).isTrue();
    assertThat(RefreshSchedule.Cause.TARGET_INVALID.wantsFreshRead()).isTrue();
    assertThat(RefreshSchedule.Cause.NEVER_SYNCED.wantsFreshRead()).isFalse();
    assertThat(RefreshSchedule.Cause.INTERVAL_ELAPSED.wantsFreshRead()).isFalse();
  }

  @Test
  void a_missing_or_edited_target_secret_forces_a_sync() {
    assertThat(decide(RefreshPolicy.Periodic, HOUR, NOW.minusSeconds(5), false, false)).isInstanceOf(Decision.SyncNow.class);
  }
}

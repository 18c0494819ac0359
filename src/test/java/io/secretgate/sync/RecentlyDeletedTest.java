package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentlyDeletedTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
  private final RecentlyDeleted deleted = new RecentlyDeleted(clock);

  @Test
  void a_secret_seen_deleted_is_re_created_once() {
    deleted.deleted("payments/db");
    assertThat(deleted.take("payments/db")).isTrue();
    assertThat(deleted.take("payments/db")).isFalse();
  }

  @Test
  void a_secret_never_seen_deleted_is_new() {
    assertThat(deleted.take("payments/db")).isFalse();
  }

  @Test
  void a_deletion_is_forgotten_after_a_while() {
    deleted.deleted("payments/db");
    clock.advance(RecentlyDeleted.KEPT.plus(Duration.ofSeconds(1)));
    assertThat(deleted.take("payments/db")).isFalse();
  }

  @Test
  void only_the_latest_deletions_are_kept() {
    for (int i = 0; i <= RecentlyDeleted.MAX; i++) deleted.deleted("payments/s-" + i);
    assertThat(deleted.take("payments/s-0")).isFalse();
    assertThat(deleted.take("payments/s-" + RecentlyDeleted.MAX)).isTrue();
  }
}

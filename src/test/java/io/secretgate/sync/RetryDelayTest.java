package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.secretgate.testing.MutableClock;
import org.junit.jupiter.api.Test;

class RetryDelayTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
  final WorkQueue<String> queue = new WorkQueue<>(clock, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0, () -> 0.0));

  @Test
  void without_retry_after_the_limiter_wait_is_the_least_wait() {
    assertThat(RetryDelay.atLeast(Duration.ofMillis(250), Optional.empty())).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void a_retry_after_longer_than_the_limiter_wait_wins() {
    assertThat(RetryDelay.atLeast(Duration.ofMillis(250), Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryDelay.atLeast(Duration.ofSeconds(40), Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void a_huge_retry_after_is_capped_and_a_negative_one_ignored() {
    assertThat(RetryDelay.atLeast(Duration.ZERO, Optional.of(Duration.ofDays(1)))).isEqualTo(RetryDelay.RETRY_AFTER_CAP);
    assertThat(RetryDelay.atLeast(Duration.ZERO, Optional.of(Duration.ofSeconds(-5)))).isEqualTo(Duration.ZERO);
  }

  @Test
  void the_queue_waits_for_the_longer_of_the_backoff_and_the_retry_after() {
    queue.add("a");
    queue.poll();
    assertThat(queue.retry("a", RetryDelay.atLeast(Duration.ZERO, Optional.of(Duration.ofSeconds(30))))).isEqualTo(Duration.ofSeconds(30));
    for (int i = 0; i < 6; i++) queue.retry("a"); // backoff now 64 s, capped at 60 s
    assertThat(queue.retry("a", RetryDelay.atLeast(Duration.ZERO, Optional.of(Duration.ofSeconds(30))))).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void a_held_key_is_not_handed_out_before_its_hold_even_when_added_again() {
    queue.add("a");
    assertThat(queue.poll()).contains("a");
    queue.holdFor("a", queue.retry("a", Duration.ofSeconds(30)));
    queue.add("a"); // e.g. the status write came back through the informer
    queue.done("a");
    queue.add("a");
    assertThat(queue.poll()).isEmpty();
    assertThat(queue.dueAt("a")).contains(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(queue.poll()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.poll()).contains("a");
  }

  @Test
  void a_hold_raises_an_earlier_scheduled_time_and_forget_ends_it() {
    queue.add("a");
    queue.holdFor("a", Duration.ofSeconds(10));
    assertThat(queue.poll()).isEmpty();
    queue.forget("a");
    queue.add("b");
    assertThat(queue.poll()).contains("b");
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.poll()).contains("a");
  }
}

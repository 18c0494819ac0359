package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.secretgate.testing.MutableClock;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
  final WorkQueue<String> queue = new WorkQueue<>(clock, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0, () -> 0.0));

  @Test
  void a_key_added_many_times_is_queued_once() {
    queue.add("a");
    queue.add("a");
    queue.add("b");
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.poll()).contains("a");
    assertThat(queue.poll()).contains("b");
    assertThat(queue.poll()).isEmpty();
  }

  @Test
  void the_depth_counts_keys_due_now_not_those_scheduled_for_later_nor_those_being_processed() {
    queue.add("due");
    queue.add("taken");
    queue.addAfter("refresh-later", Duration.ofHours(1));
    assertThat(queue.poll()).contains("due");
    assertThat(queue.depth()).isEqualTo(1);
    assertThat(queue.poll()).contains("taken");
    assertThat(queue.depth()).isZero();
    clock.advance(Duration.ofHours(1));
    assertThat(queue.depth()).isEqualTo(1);
  }

  @Test
  void a_key_being_processed_is_not_handed_out_again_until_done() {
    queue.add("a");
    assertThat(queue.poll()).contains("a");
    queue.add("a");
    assertThat(queue.poll()).isEmpty();
    queue.done("a");
    assertThat(queue.poll()).contains("a");
  }

  @Test
  void a_delayed_key_becomes_due_only_after_its_delay_and_an_earlier_add_wins() {
    queue.addAfter("a", Duration.ofSeconds(30));
    assertThat(queue.poll()).isEmpty();
    queue.addAfter("a", Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.poll()).contains("a");
    queue.done("a");
    clock.advance(Duration.ofSeconds(30));
    assertThat(queue.poll()).as("the superseded later entry is gone").isEmpty();
  }

  @Test
  void failures_back_off_exponentially_up_to_the_cap_and_forget_resets() {
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(1));
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(2));
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 10; i++) queue.retry("a");
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(60));
    queue.forget("a");
    assertThat(queue.failures("a")).isZero();
    assertThat(queue.retry("a")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitter_only_ever_shortens_the_delay_within_its_fraction() {
    Backoff b = new Backoff(Duration.ofSeconds(8), Duration.ofMinutes(7), 0.25, () -> 1.0);
    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(6));
    assertThat(Backoff.standard().delay(1)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(1));
    assertThat(Backoff.standard().delay(50)).isBetween(Duration.ofMinutes(7).multipliedBy(8).dividedBy(10), Duration.ofMinutes(7));
  }

  @Test
  void take_waits_for_a_key_and_returns_empty_on_timeout_or_shutdown() throws InterruptedException {
    WorkQueue<String> real = new WorkQueue<>(Clock.systemUTC(), Backoff.standard());
    assertThat(real.take(Duration.ofMillis(20))).isEmpty();
    real.addAfter("x", Duration.ofMillis(30));
    assertThat(real.take(Duration.ofSeconds(5))).contains("x");
    real.shutDown();
    real.add("y");
    assertThat(real.take(Duration.ofSeconds(5))).isEqualTo(Optional.empty());
  }

  @Test
  void a_retry_waits_for_the_longer_of_its_backoff_and_the_global_limit() {
    assertThat(queue.retry("a", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(queue.retry("a", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void the_global_bucket_lets_a_burst_through_then_spaces_retries_by_its_rate() {
    // one token every 10 s: the bucket reads the real clock, and a busy machine may pause this thread for
    // well over the 100 ms a token takes at 10/s (then the fourth found a token again, or the fifth waited less)
    TokenBucket bucket = new TokenBucket(0.1, 3);
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    Duration fourth = bucket.reserve();
    Duration fifth = bucket.reserve();
    assertThat(fourth).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(fifth).isGreaterThan(fourth).isLessThanOrEqualTo(Duration.ofSeconds(20));
    assertThat(fifth.minus(fourth)).as("one token's worth apart, less the time between the calls").isLessThanOrEqualTo(Duration.ofSeconds(10));
  }
}

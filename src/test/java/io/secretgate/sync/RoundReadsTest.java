package io.secretgate.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RoundReadsTest {
  private final AtomicLong round = new AtomicLong(1);
  private final RoundReads<String> reads = new RoundReads<>(round::get);
  private final AtomicInteger calls = new AtomicInteger();
  private final Supplier<String> source = () -> "value-" + calls.incrementAndGet();

  @Test
  void many_uses_in_one_round_read_once() {
    for (int i = 0; i < 5; i++) assertEquals("value-1", reads.get("ns/token#token", false, source));
    assertEquals(1, calls.get());
  }

  @Test
  void keys_are_read_apart() {
    reads.get("ns/a#token", false, source);
    assertEquals("value-2", reads.get("ns/b#token", false, source));
  }

  @Test
  void the_next_round_reads_again_so_a_changed_value_is_seen() {
    reads.get("ns/token#token", false, source);
    round.incrementAndGet();
    assertEquals("value-2", reads.get("ns/token#token", false, source));
    assertEquals("value-2", reads.get("ns/token#token", false, source));
  }

  @Test
  void a_fresh_read_reads_again_within_the_round_and_is_kept_for_the_rest_of_it() {
    reads.get("ns/token#token", false, source);
    assertEquals("value-2", reads.get("ns/token#token", true, source));
    assertEquals("value-2", reads.get("ns/token#token", false, source));
  }

  @Test
  void a_failed_read_is_not_kept() {
    assertThrows(IllegalStateException.class, () -> reads.get("ns/token#token", false, () -> {
      throw new IllegalStateException("the API server is down");
    }));
    assertEquals("value-1", reads.get("ns/token#token", false, source));
  }

  @Test
  void forgetting_makes_every_value_read_again_whatever_the_round() {
    reads.get("ns/token#token", false, source);
    reads.forget();
    assertEquals("value-2", reads.get("ns/token#token", false, source));
  }
}

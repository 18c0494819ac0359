package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.secretgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OwnWritesTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));
  final OwnWrites own = new OwnWrites(clock, Duration.ofSeconds(30));
  final OwnWrites.Status written = new OwnWrites.Status("41", clock.instant(), "1-abc", clock.instant());

  @Test
  void our_status_write_counts_while_the_cache_still_shows_the_version_it_was_written_over() {
    own.wroteStatus("ns/es", written);

    assertThat(own.unseenStatus("ns/es", "41")).contains(written);
    assertThat(own.unseenStatus("ns/other", "41")).isEmpty();
  }

  @Test
  void once_the_cache_shows_any_other_version_our_write_is_forgotten_for_good() {
    own.wroteStatus("ns/es", written);

    assertThat(own.unseenStatus("ns/es", "42")).isEmpty();
    assertThat(own.unseenStatus("ns/es", "41")).isEmpty();
  }

  @Test
  void a_written_secret_counts_until_the_informer_shows_any_event_on_it() {
    own.wroteSecret("ns/db");
    assertThat(own.secretUnseen("ns/db")).isTrue();

    own.sawSecret("ns/db");

    assertThat(own.secretUnseen("ns/db")).isFalse();
  }

  @Test
  void nothing_is_trusted_past_its_maximum_age() {
    own.wroteStatus("ns/es", written);
    own.wroteSecret("ns/db");

    clock.advance(Duration.ofSeconds(31));

    assertThat(own.unseenStatus("ns/es", "41")).isEmpty();
    assertThat(own.secretUnseen("ns/db")).isFalse();
  }
}

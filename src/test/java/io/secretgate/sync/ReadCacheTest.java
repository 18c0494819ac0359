package io.secretgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secretgate.secrets.SecretSourceException;
import io.secretgate.secrets.json.JsonParser;
import io.secretgate.secrets.json.JsonValue;
import io.secretgate.vault.KvApi;
import io.secretgate.vault.KvApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.secretgate.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
  final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-28T00:00:00Z"));
  final ReadCache cache = new ReadCache(clock, Duration.ofSeconds(2));

  /** A KvApi that counts calls and can be made to wait or fail. */
  static final class CountingKv implements KvApi {
    final AtomicInteger reads = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);
    volatile boolean fail;
    volatile int value = 1;

    @Override
    public Optional<JsonValue> read(String apiPath, String version) throws KvApiException {
      reads.incrementAndGet();
      try {
        gate.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fail) throw new KvApiException(SecretSourceException.Reason.UNAVAILABLE, "Vault unavailable");
      try {
        return Optional.of(JsonParser.parse("{\"data\":{\"path\":\"" + apiPath + "\",\"value\":" + value + "}}"));
      } catch (io.secretgate.secrets.json.JsonSyntaxException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Optional<List<String>> list(String apiPath) {
      reads.incrementAndGet();
      return Optional.of(List.of("a", "b/"));
    }
  }

  @Test
  void many_readers_of_one_path_in_one_round_cause_one_vault_read() throws Exception {
    CountingKv vault = new CountingKv();
    vault.gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Optional<JsonValue>>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) answers.add(pool.submit(() -> cache.around("vault-a", vault).read("secret/data/app", null)));
    Thread.sleep(100);
    vault.gate.countDown();
    for (Future<Optional<JsonValue>> f : answers) assertThat(f.get(5, TimeUnit.SECONDS)).isPresent();
    pool.shutdown();
    assertThat(cache.around("vault-a", vault).read("secret/data/app", null)).isPresent();
    assertThat(vault.reads).hasValue(1);
  }

  @Test
  void different_paths_versions_and_connections_are_read_separately() throws Exception {
    CountingKv vault = new CountingKv();
    cache.around("vault-a", vault).read("secret/data/app", null);
    cache.around("vault-a", vault).read("secret/data/app", "2");
    cache.around("vault-a", vault).read("secret/data/other", null);
    cache.around("vault-b", vault).read("secret/data/app", null);
    cache.around("vault-a", vault).list("secret/metadata/");
    assertThat(vault.reads).hasValue(5);
  }

  @Test
  void the_next_round_reads_again_and_invalidation_forgets_at_once() throws Exception {
    CountingKv vault = new CountingKv();
    cache.around("vault-a", vault).read("secret/data/app", null);
    clock.advance(Duration.ofSeconds(3));
    cache.around("vault-a", vault).read("secret/data/app", null);
    assertThat(vault.reads).hasValue(2);
    cache.invalidate("vault-a");
    cache.around("vault-a", vault).read("secret/data/app", null);
    assertThat(vault.reads).hasValue(3);
  }

  @Test
  void a_failure_is_not_kept_for_later_readers() throws Exception {
    CountingKv vault = new CountingKv();
    vault.fail = true;
    assertThatThrownBy(() -> cache.around("vault-a", vault).read("secret/data/app", null)).isInstanceOf(KvApiException.class);
    vault.fail = false;
    assertThat(cache.around("vault-a", vault).read("secret/data/app", null)).isPresent();
    assertThat(vault.reads).hasValue(2);
  }

  @Test
  void a_fresh_read_goes_to_vault_and_refreshes_the_shared_answer() throws Exception {
    CountingKv vault = new CountingKv();
    cache.around("vault-a", vault).read("secret/data/app", null);
    cache.around("vault-a", vault, true).read("secret/data/app", null);
    cache.around("vault-a", vault).read("secret/data/app", null);
    assertThat(vault.reads).hasValue(2);
  }

  @Test
  void readers_of_one_path_share_one_read_for_the_whole_round_however_long_it_runs_within_the_cap() throws Exception {
    ReadCache rounds = new ReadCache(clock, Duration.ofSeconds(10));
    CountingKv vault = new CountingKv();
    for (int i = 0; i < 9; i++) {
      assertThat(rounds.around("vault-a", vault).read("secret/data/app", null)).isPresent();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(vault.reads).hasValue(1);
  }

  @Test
  void a_new_round_reads_vault_again_so_a_changed_value_is_seen() throws Exception {
    ReadCache rounds = new ReadCache(clock, Duration.ofSeconds(10));
    CountingKv vault = new CountingKv();
    Optional<JsonValue> before = rounds.around("vault-a", vault).read("secret/data/app", null);
    vault.value = 2;
    assertThat(rounds.around("vault-a", vault).read("secret/data/app", null)).isEqualTo(before);
    rounds.endRound();
    Optional<JsonValue> after = rounds.around("vault-a", vault).read("secret/data/app", null);
    assertThat(after).isPresent().isNotEqualTo(before);
    assertThat(vault.reads).hasValue(2);
  }

  @Test
  void a_round_that_never_runs_dry_still_ends_at_its_cap() throws Exception {
    ReadCache rounds = new ReadCache(clock, Duration.ofSeconds(10));
    CountingKv vault = new CountingKv();
    long first = rounds.round();
    rounds.around("vault-a", vault).read("secret/data/app", null);
    clock.advance(Duration.ofSeconds(10));
    rounds.around("vault-a", vault).read("secret/data/app", null);
    assertThat(vault.reads).hasValue(2);
    assertThat(rounds.round()).isGreaterThan(first);
  }

  @Test
  void a_read_in_flight_when_the_round_ends_is_not_reused_by_the_next_round() throws Exception {
    ReadCache rounds = new ReadCache(clock, Duration.ofSeconds(10));
    CountingKv vault = new CountingKv();
    vault.gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Optional<JsonValue>> slow = pool.submit(() -> rounds.around("vault-a", vault).read("secret/data/app", null));
    while (vault.reads.get() == 0) Thread.sleep(5);
    rounds.endRound();
    vault.gate.countDown();
    assertThat(rounds.around("vault-a", vault).read("secret/data/app", null)).isPresent();
    assertThat(slow.get(5, TimeUnit.SECONDS)).isPresent();
    pool.shutdown();
    assertThat(vault.reads).hasValue(2);
  }
}

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
        return Optional.of(JsonParser.parse("{\"data\":{\"path\":\"" + apiPath + "\"}}"));
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
}

package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.secretgate.testing.MutableClock;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.TlsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serving certificate files, read at start and reloaded when they change. */
class CertificateFilesTest {
  @TempDir Path dir;

  CertificateFiles load() {
    return CertificateFiles.load(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC());
  }

  @Test
  void the_files_are_read_at_start_and_a_changed_pair_is_swapped_in() {
    KeyMaterial first = TestTls.leaf();
    TestTls.write(dir, first);
    try (CertificateFiles files = load()) {
      assertThat(files.keys().current().certificate()).isEqualTo(first.certificate());
      assertThat(files.reload()).isFalse();

      KeyMaterial second = TestTls.leaf();
      TestTls.write(dir, second);

      assertThat(files.reload()).isTrue();
      assertThat(files.keys().current().certificate()).isEqualTo(second.certificate());
    }
  }

  @Test
  void a_reload_that_dies_of_an_error_the_jvm_may_not_survive_makes_the_files_unhealthy_instead_of_never_reloading_them() {
    TestTls.write(dir, TestTls.leaf());
    try (CertificateFiles files = load()) {
      assertThat(files.healthy()).isTrue();

      files.watch(Duration.ofMillis(10), reload -> () -> {
        throw new NoClassDefFoundError("io/secretgate/Missing");
      });

      await().atMost(Duration.ofSeconds(30)).until(() -> !files.healthy());
    }
  }

  @Test
  void a_reload_that_overflows_the_stack_is_tried_again_at_the_next_poll() {
    TestTls.write(dir, TestTls.leaf());
    AtomicInteger polls = new AtomicInteger();
    try (CertificateFiles files = load()) {
      files.watch(Duration.ofMillis(10), reload -> () -> {
        if (polls.incrementAndGet() == 1) throw new StackOverflowError();
        reload.run();
      });

      await().atMost(Duration.ofSeconds(30)).until(() -> polls.get() >= 3);
      assertThat(files.healthy()).isTrue();
    }
  }

  @Test
  void a_broken_new_file_keeps_the_old_material() {
    KeyMaterial first = TestTls.leaf();
    TestTls.write(dir, first);
    try (CertificateFiles files = load()) {
      TestTls.replace(dir.resolve("tls.crt"), "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
      assertThat(files.reload()).isFalse();
      assertThat(files.keys().current().certificate()).isEqualTo(first.certificate());
    }
  }

  @Test
  void a_certificate_with_only_a_common_name_is_refused_at_start_since_kube_apiserver_reads_only_its_subject_alt_names() throws Exception {
    copyFixture("cn-only.crt", dir.resolve("tls.crt"));
    copyFixture("ec-sec1.key", dir.resolve("tls.key"));

    assertThatThrownBy(this::load).isInstanceOf(TlsException.class)
        .hasMessageContaining(dir.resolve("tls.crt").toString())
        .hasMessageContaining("has no subjectAltName DNS name or IP address")
        .hasMessageContaining("the Common Name is ignored");
  }

  @Test
  void a_new_certificate_for_client_auth_only_keeps_the_one_served() throws Exception {
    KeyMaterial first = TestTls.leaf();
    TestTls.write(dir, first);
    try (CertificateFiles files = load()) {
      copyFixture("client-auth-only.crt", dir.resolve("tls.crt"));
      copyFixture("ec-sec1.key", dir.resolve("tls.key"));

      assertThat(files.reload()).isFalse();
      assertThat(files.keys().current().certificate()).isEqualTo(first.certificate());
    }
  }

  private static void copyFixture(String name, Path to) throws java.io.IOException {
    java.nio.file.Files.copy(Path.of("src/test/resources/io/secretgate/tls", name), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void a_half_rotated_pair_keeps_the_old_material_until_the_key_follows() {
    KeyMaterial first = TestTls.leaf();
    KeyMaterial second = TestTls.leaf();
    TestTls.write(dir, first);
    try (CertificateFiles files = load()) {
      TestTls.replace(dir.resolve("tls.crt"), io.secretgate.tls.Pem.writeCertificates(second.chain()));
      assertThat(files.reload()).isFalse();
      assertThat(files.keys().current().certificate()).isEqualTo(first.certificate());

      TestTls.write(dir, second);
      assertThat(files.reload()).isTrue();
      assertThat(files.keys().current().certificate()).isEqualTo(second.certificate());
    }
  }

  @Test
  void a_new_certificate_that_has_already_expired_keeps_the_valid_one_served() {
    KeyMaterial first = TestTls.leaf();
    TestTls.write(dir, first);
    try (CertificateFiles files = load()) {
      TestTls.write(dir, TestTls.leaf(Instant.now().minusSeconds(50), Duration.ofSeconds(10))); // e.g. an old Secret restored

      assertThat(files.reload()).isFalse();
      assertThat(files.keys().current().certificate()).isEqualTo(first.certificate());
      assertThat(files.servable()).isTrue();
    }
  }

  @Test
  void a_new_certificate_that_is_not_valid_yet_is_swapped_in_once_it_starts_and_the_valid_one_is_served_until_then() {
    MutableClock clock = new MutableClock(Instant.now());
    KeyMaterial first = TestTls.leaf();
    TestTls.write(dir, first);
    try (CertificateFiles files = CertificateFiles.load(dir.resolve("tls.crt"), dir.resolve("tls.key"), clock)) {
      KeyMaterial early = TestTls.leaf(clock.instant().plus(Duration.ofMinutes(2)), Duration.ofHours(1)); // an issuer whose clock runs ahead
      TestTls.write(dir, early);

      assertThat(files.reload()).isFalse();
      assertThat(files.keys().current().certificate()).isEqualTo(first.certificate());
      assertThat(files.servable()).isTrue();

      clock.advance(Duration.ofMinutes(3));
      assertThat(files.reload()).isTrue();
      assertThat(files.keys().current().certificate()).isEqualTo(early.certificate());
    }
  }

  @Test
  void files_that_do_not_read_at_start_are_a_tls_exception() {
    assertThatThrownBy(this::load).isInstanceOf(TlsException.class).hasMessageContaining("tls.crt");
  }

  @Test
  void a_file_that_does_not_read_at_start_is_named_alone_with_the_reason_in_words() throws Exception {
    TestTls.write(dir, TestTls.leaf());
    java.nio.file.Files.delete(dir.resolve("tls.crt"));
    assertThatThrownBy(this::load).isInstanceOf(TlsException.class).hasMessage("cannot read " + dir.resolve("tls.crt") + " (no such file or directory)");

    TestTls.write(dir, TestTls.leaf());
    java.nio.file.Files.delete(dir.resolve("tls.key"));
    java.nio.file.Files.createDirectory(dir.resolve("tls.key"));
    assertThatThrownBy(this::load).isInstanceOf(TlsException.class).hasMessage("cannot read " + dir.resolve("tls.key") + " (is a directory)");
  }

  @Test
  void a_certificate_file_in_der_instead_of_pem_is_named_as_holding_no_pem_certificate_not_as_unreadable() throws Exception {
    KeyMaterial leaf = TestTls.leaf();
    TestTls.write(dir, leaf);
    java.nio.file.Files.write(dir.resolve("tls.crt"), leaf.certificate().getEncoded());
    assertThatThrownBy(this::load).isInstanceOf(TlsException.class)
        .hasMessage(dir.resolve("tls.crt") + ": expected one or more PEM certificates (-----BEGIN CERTIFICATE-----), found no PEM block");
  }

  @Test
  void it_is_servable_only_while_the_certificate_is_valid_now() {
    TestTls.write(dir, TestTls.leaf(Instant.now().plus(Duration.ofHours(1)), Duration.ofHours(2)));
    try (CertificateFiles files = load()) {
      assertThat(files.servable()).isFalse();
      TestTls.write(dir, TestTls.leaf());
      files.reload();
      assertThat(files.servable()).isTrue();
    }
  }
}

package io.secretgate.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real TLS handshakes against a JDK SSLServerSocket built once on a {@link ReloadableKeyManager},
 * with clients that trust only our CA and check the host name as kube-apiserver does. The JDK
 * client checks validity against the real clock, so certificates here start an hour ago.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsHandshakeTest {
  private static final String HOST = ServiceNames.serverName("secretgate", "secretgate");
  private static final Instant NOT_BEFORE = Instant.now().minus(Duration.ofHours(1));

  private final CertificateAuthority ca = CertificateAuthority.generate("secretgate handshake CA", NOT_BEFORE, Duration.ofDays(30));

  private KeyMaterial leaf(CertificateAuthority issuer) {
    return ServingCertificate.issue(issuer, ServiceNames.of("secretgate", "secretgate"), NOT_BEFORE, Duration.ofDays(2));
  }

  @Test
  void a_client_that_trusts_only_our_ca_completes_a_handshake_and_is_shown_the_leaf() throws Exception {
    KeyMaterial material = leaf(ca);
    try (TlsTestServer server = new TlsTestServer(new ReloadableKeyManager(material))) {
      X509Certificate presented = TlsTestServer.handshake(server.port(), HOST, List.of(ca.certificate()));
      assertThat(presented).isEqualTo(material.certificate());
      assertThat(server.serverFailures()).isZero();
    }
  }

  @Test
  void after_a_swap_the_next_handshake_presents_the_new_certificate_and_none_fails() throws Exception {
    KeyMaterial first = leaf(ca);
    KeyMaterial second = leaf(ca);
    ReloadableKeyManager keys = new ReloadableKeyManager(first);
    try (TlsTestServer server = new TlsTestServer(keys)) {
      assertThat(TlsTestServer.handshake(server.port(), HOST, List.of(ca.certificate()))).isEqualTo(first.certificate());

      keys.swap(second);

      assertThat(TlsTestServer.handshake(server.port(), HOST, List.of(ca.certificate()))).isEqualTo(second.certificate());
      assertThat(server.serverFailures()).as("server-side failures, first: %s", server.firstFailure()).isZero();
    }
  }

  @Test
  void handshakes_running_while_the_material_is_swapped_all_succeed() throws Exception {
    int clients = 4;
    int swaps = 6;
    List<KeyMaterial> materials = new ArrayList<>();
    for (int i = 0; i <= swaps; i++) materials.add(leaf(ca));
    ReloadableKeyManager keys = new ReloadableKeyManager(materials.get(0));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger handshakes = new AtomicInteger();
    List<Throwable> clientFailures = Collections.synchronizedList(new ArrayList<>());
    Set<BigInteger> presented = ConcurrentHashMap.newKeySet();
    CountDownLatch running = new CountDownLatch(clients);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try (TlsTestServer server = new TlsTestServer(keys)) {
      List<Future<?>> loops = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        loops.add(pool.submit(() -> {
          running.countDown();
          while (!stop.get()) {
            try {
              presented.add(TlsTestServer.handshake(server.port(), HOST, List.of(ca.certificate())).getSerialNumber());
              handshakes.incrementAndGet();
            } catch (Exception | AssertionError e) {
              clientFailures.add(e);
            }
          }
        }));
      }
      running.await();
      for (int i = 1; i <= swaps; i++) {
        int target = handshakes.get() + clients * 2;
        while (handshakes.get() < target && clientFailures.isEmpty()) Thread.sleep(2);
        keys.swap(materials.get(i));
      }
      int target = handshakes.get() + clients * 2;
      while (handshakes.get() < target && clientFailures.isEmpty()) Thread.sleep(2);
      stop.set(true);
      for (Future<?> loop : loops) loop.get(30, TimeUnit.SECONDS);

      assertThat(clientFailures).as("client-side handshake failures").isEmpty();
      assertThat(server.serverFailures()).as("server-side failures, first: %s", server.firstFailure()).isZero();
      assertThat(handshakes.get()).isGreaterThanOrEqualTo(clients * 2 * (swaps + 1));
      assertThat(presented).contains(materials.get(swaps).certificate().getSerialNumber());
      assertThat(presented).hasSizeGreaterThan(1);
      assertThat(TlsTestServer.handshake(server.port(), HOST, List.of(ca.certificate())))
          .isEqualTo(materials.get(swaps).certificate());
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void a_client_holding_the_old_and_the_new_ca_accepts_the_server_across_a_ca_rotation() throws Exception {
    CertificateAuthority newCa = CertificateAuthority.generate("secretgate handshake CA 2", NOT_BEFORE, Duration.ofDays(30));
    List<X509Certificate> bundle = CaBundle.merge(List.of(ca.certificate()), List.of(newCa.certificate()), Instant.now());
    ReloadableKeyManager keys = new ReloadableKeyManager(leaf(ca));
    try (TlsTestServer server = new TlsTestServer(keys)) {
      assertThat(TlsTestServer.handshake(server.port(), HOST, bundle).getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());

      keys.swap(leaf(newCa));

      assertThat(TlsTestServer.handshake(server.port(), HOST, bundle).getIssuerX500Principal()).isEqualTo(newCa.certificate().getSubjectX500Principal());
      assertThat(server.serverFailures()).isZero();
      assertThatThrownBy(() -> TlsTestServer.handshake(server.port(), HOST, List.of(ca.certificate())))
          .as("a client that still holds only the old CA").isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void a_host_name_the_certificate_does_not_cover_fails_the_handshake() throws Exception {
    try (TlsTestServer server = new TlsTestServer(new ReloadableKeyManager(leaf(ca)))) {
      assertThatThrownBy(() -> TlsTestServer.handshake(server.port(), "secretgate.other.svc", List.of(ca.certificate())))
          .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("secretgate.other.svc");
    }
  }

  @Test
  void a_client_that_trusts_another_ca_fails_the_handshake() throws Exception {
    CertificateAuthority stranger = CertificateAuthority.generate("stranger", NOT_BEFORE, Duration.ofDays(30));
    try (TlsTestServer server = new TlsTestServer(new ReloadableKeyManager(leaf(ca)))) {
      assertThatThrownBy(() -> TlsTestServer.handshake(server.port(), HOST, List.of(stranger.certificate())))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void an_rsa_certificate_read_from_files_is_served_after_a_swap_from_ec() throws Exception {
    KeyMaterial rsa = Pem.readKeyMaterial(TestCerts.fixture("rsa.crt"), TestCerts.fixture("rsa-pkcs1.key"));
    ReloadableKeyManager keys = new ReloadableKeyManager(leaf(ca));
    try (TlsTestServer server = new TlsTestServer(keys)) {
      keys.swap(rsa);
      assertThat(TlsTestServer.handshake(server.port(), "fixture-rsa.test", List.of(rsa.certificate()))).isEqualTo(rsa.certificate());
      assertThat(server.serverFailures()).isZero();
    }
  }
}

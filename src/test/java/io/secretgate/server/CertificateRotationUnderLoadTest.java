package io.secretgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.secretgate.admission.AdmissionSettings;
import io.secretgate.tls.KeyMaterial;
import io.secretgate.tls.SslContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate files are replaced while keep-alive and fresh connections keep asking. */
class CertificateRotationUnderLoadTest {
  @TempDir Path dir;

  @Test
  void rotating_the_files_under_load_fails_no_handshake_and_new_connections_get_the_new_certificate() throws Exception {
    TestTls.write(dir, TestTls.leaf());
    byte[] body = WebhookFixtures.request("create-v1-allowed.json");
    try (CertificateFiles files = CertificateFiles.load(dir.resolve("tls.crt"), dir.resolve("tls.key"), Clock.systemUTC()).watch(Duration.ofMillis(50));
        WebhookServer server = WebhookServer.start(new WebhookServer.Settings(0, "127.0.0.1", SslContexts.server(files.keys()),
            Map.of("/validate/externalsecret", WebhookFixtures.admission(AdmissionSettings.DEFAULTS)::answer), new HealthChecks(), 16))) {
      URI uri = URI.create("https://localhost:" + server.port() + "/validate/externalsecret?timeout=10s");
      AtomicBoolean running = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger answered = new AtomicInteger();
      ExecutorService load = Executors.newFixedThreadPool(4);
      List<Future<?>> loops = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        boolean keepAlive = i % 2 == 0;
        loops.add(load.submit(() -> {
          HttpClient shared = TestTls.client();
          while (running.get()) {
            HttpClient client = keepAlive ? shared : TestTls.client();
            try {
              HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 200) failures.add("HTTP " + r.statusCode());
              else answered.incrementAndGet();
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
        }));
      }
      KeyMaterial last = null;
      for (int round = 0; round < 4; round++) {
        Thread.sleep(400);
        last = TestTls.leaf();
        TestTls.write(dir, last);
      }
      Thread.sleep(400);
      running.set(false);
      for (Future<?> f : loops) f.get(30, TimeUnit.SECONDS);
      load.shutdown();

      assertThat(failures).isEmpty();
      assertThat(answered.get()).isGreaterThan(20);
      // the files are polled every 50 ms on their own thread, which a busy machine may hold back past the 400 ms slept
      KeyMaterial newest = last;
      await().atMost(Duration.ofSeconds(30)).until(() -> files.keys().current().certificate().equals(newest.certificate()));
      {
        HttpClient fresh = TestTls.client();
        HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        Certificate served = r.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served).isEqualTo(last.certificate());
      }
    }
  }
}
